import { Link } from 'react-router';
import { DUPLICATE_REASON_LABELS, type DuplicateCandidate } from '../../../common/domain/patients';
import { CheckboxField } from '../../ui/checkbox-field';
import { formatDateOfBirth, patientName, patientPath } from './patient-format';

export interface DuplicateWarningsProps {
  candidates: readonly DuplicateCandidate[];
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  invalid: boolean;
  errorId: string | undefined;
}

/** Patients who may be the one being registered, each with a link and the reasons. */
export function DuplicateWarnings({ candidates, confirmed, onConfirmedChange, invalid, errorId }: DuplicateWarningsProps) {
  if (candidates.length === 0) return null;
  return (
    <section className="callout duplicate-warnings" aria-labelledby="duplicate-warnings-title">
      <h3 id="duplicate-warnings-title">Possible duplicate{candidates.length === 1 ? '' : 's'}: check before saving</h3>
      <ul className="duplicate-warnings__list">
        {candidates.map((c) => (
          <li key={c.patient.id}>
            <Link to={patientPath(c.patient.id)} target="_blank" rel="noopener">
              {patientName(c.patient)}
            </Link>{' '}
            — {c.patient.mrn}, born {formatDateOfBirth(c.patient.dateOfBirth)}
            {c.patient.phone ? `, ${c.patient.phone}` : ''}
            {c.patient.active ? '' : ' (inactive)'}: {c.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join('; ')}
          </li>
        ))}
      </ul>
      <CheckboxField
        name="acknowledgedDuplicateIds"
        label="These are different patients: register a new record anyway"
        checked={confirmed}
        onChange={onConfirmedChange}
        invalid={invalid}
        errorId={errorId}
      />
    </section>
  );
}
