import { useId, useState } from 'react';
import { MANUAL_VITALS, UNIT_LABELS, plausibleRangeIn, unitsOf, type ManualVital } from '../../../common/domain/clinical-notes';
import type { ApiError } from '../../../common/rpc/errors';
import { useClient } from '../../api/client-context';
import { checkInput } from '../../api/check-input';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';

/** Labels short enough for a compact grid; the full LOINC name is in the chart. */
const MEASURE_LABELS: Readonly<Record<ManualVital, string>> = {
  systolic: 'Systolic',
  diastolic: 'Diastolic',
  heartRate: 'Heart rate',
  respiratoryRate: 'Respiratory rate',
  oxygenSaturation: 'SpO₂',
  bodyTemperature: 'Temperature',
  bodyWeight: 'Weight',
  bodyHeight: 'Height',
};

type Values = Record<ManualVital, string>;
type Units = Record<ManualVital, string>;

const EMPTY: Values = Object.fromEntries(MANUAL_VITALS.map((m) => [m, ''])) as Values;
const DEFAULT_UNITS: Units = Object.fromEntries(MANUAL_VITALS.map((m) => [m, unitsOf(m)[0]!])) as Units;

/**
 * Vitals measured by hand. Only the filled-in measurements are sent, together, all or nothing;
 * a refusal is shown next to the measurement it concerns, in main's words (range and unit).
 */
export function RecordVitalsForm({ encounterId, onRecorded }: { encounterId: string; onRecorded: () => void }) {
  const client = useClient();
  const [values, setValues] = useState<Values>(EMPTY);
  const [units, setUnits] = useState<Units>(DEFAULT_UNITS);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ManualVital, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();

  const submit = async () => {
    const filled = MANUAL_VITALS.filter((m) => values[m].trim() !== '');
    setSaved(null);
    if (filled.length === 0) {
      setFieldErrors({});
      setError({ code: 'VALIDATION', message: 'Enter at least one measurement' });
      return;
    }
    const observedAt = new Date().toISOString();
    const input = { encounterId, vitals: filled.map((measure) => ({ measure, value: values[measure].trim(), unit: units[measure], observedAt })) };
    const show = (e: ApiError) => {
      const match = /^vitals\.(\d+)\./.exec(e.field ?? '');
      const measure = match ? filled[Number(match[1])] : undefined;
      setFieldErrors(measure ? { [measure]: e.message } : {});
      setError(measure ? null : e);
    };
    const local = checkInput('vitals.record', input);
    if (local) return show(local);
    setPending(true);
    const result = await client.api.vitals.record(input).catch((): { ok: false; error: ApiError } => ({ ok: false, error: { code: 'INTERNAL', message: 'The request failed unexpectedly' } }));
    setPending(false);
    if (!result.ok) return show(result.error);
    setFieldErrors({});
    setError(null);
    setValues(EMPTY);
    setSaved(`Recorded ${result.value.length} measurement${result.value.length === 1 ? '' : 's'}.`);
    onRecorded();
  };

  return (
    <section className="card encounter-panel" aria-labelledby={titleId}>
      <form
        aria-labelledby={titleId}
        aria-busy={pending || undefined}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId}>Record vitals</h2>
        <ErrorBanner error={error} />
        <div className="vitals-form__grid">
          {MANUAL_VITALS.map((measure) => (
            <VitalInput
              key={measure}
              measure={measure}
              value={values[measure]}
              unit={units[measure]}
              error={fieldErrors[measure]}
              onValue={(v) => setValues((old) => ({ ...old, [measure]: v }))}
              onUnit={(u) => setUnits((old) => ({ ...old, [measure]: u }))}
            />
          ))}
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={pending}>
            Save vitals
          </Button>
          {saved ? (
            <p className="muted" role="status">
              {saved}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function VitalInput(props: {
  measure: ManualVital;
  value: string;
  unit: string;
  error: string | undefined;
  onValue: (value: string) => void;
  onUnit: (unit: string) => void;
}) {
  const { measure, value, unit, error } = props;
  const id = useId();
  const units = unitsOf(measure);
  const range = plausibleRangeIn(measure, unit);
  const unitLabel = UNIT_LABELS[unit] ?? unit;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field vitals-form__field">
      <label htmlFor={id} className="field__label">
        {MEASURE_LABELS[measure]}
        {units.length === 1 ? ` (${unitLabel})` : null}
      </label>
      <div className="vitals-form__value">
        <input
          id={id}
          name={`vitals.${measure}`}
          className="field__input vitals-form__input"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          maxLength={8}
          onChange={(e) => props.onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        />
        {units.length > 1 ? (
          <select
            className="field__input field__select vitals-form__unit"
            aria-label={`${MEASURE_LABELS[measure]} unit`}
            value={unit}
            onChange={(e) => props.onUnit(e.target.value)}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {UNIT_LABELS[u] ?? u}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <p id={hintId} className="field__hint">
        Plausible {range.min}–{range.max} {unitLabel}
      </p>
      {error ? (
        <p id={errorId} className="vitals-form__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
