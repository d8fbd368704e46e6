import type { AllergyWarning } from '../../../common/domain/allergies';

/** The allergy warnings of a medication, prominently and announced at once (role="alert"). */
export function AllergyWarnings({ warnings }: { warnings: readonly AllergyWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="allergy-warning" role="alert">
      <p className="allergy-warning__title">Allergy warning</p>
      <ul className="allergy-warning__list">
        {warnings.map((w) => (
          <li key={w.allergyId}>
            {w.message} — severity {w.severity}
          </li>
        ))}
      </ul>
    </div>
  );
}
