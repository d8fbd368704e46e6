import type { CapturedReading, OpenEncounter } from '../../../common/domain/captures';
import type { PatientLink } from '../../../common/domain/patients';
import { Button } from '../../ui/button';
import { patientName } from '../patients/patient-format';
import { flagText, formatObservedTime, invalidMessage, measurementName } from './encounter-format';
import { INVALID_FLAGS } from '../../../common/domain/devices';

export interface ReadingDecisions {
  /** Chart to `patientId`; `inEncounter` when that is this encounter's patient. */
  accept: (reading: CapturedReading, patient: PatientLink, inEncounter: boolean) => void;
  reject: (reading: CapturedReading) => void;
}

export interface PendingReadingRowProps {
  reading: CapturedReading;
  encounter: OpenEncounter;
  /** The newest pending value of its measurement from its device: shown large. */
  latest: boolean;
  busy: boolean;
  /** Null: the user may look but not decide (no devices.capture). */
  decisions: ReadingDecisions | null;
}

const ALARM_FLAGS = new Set(['critical-low', 'critical-high']);

function withMrn(p: PatientLink): string {
  return `${patientName(p)} (${p.mrn})`;
}

function Codes({ reading }: { reading: CapturedReading }) {
  const parts = [
    reading.loinc ? `LOINC ${reading.loinc}` : `${reading.codeSystem ?? 'Code'} ${reading.code}`,
    reading.ucum ? `UCUM ${reading.ucum}` : null,
  ].filter(Boolean);
  return <small className="reading-codes">{parts.join(' · ')}</small>;
}

function Flags({ reading }: { reading: CapturedReading }) {
  const shown = reading.flags.filter((f) => !INVALID_FLAGS.includes(f));
  return (
    <>
      {!reading.valid ? <p className="reading-invalid">{invalidMessage(reading)}</p> : null}
      {shown.map((f) => (
        <span key={f} className={`badge ${ALARM_FLAGS.has(f) ? 'badge--danger' : 'badge--warn'} reading-flag`}>
          {flagText(f)}
        </span>
      ))}
      {reading.referenceRange ? <small className="muted reading-range">Range {reading.referenceRange}</small> : null}
      {reading.valid && reading.comments.length > 0 ? <small className="muted reading-comments">{reading.comments.join('; ')}</small> : null}
    </>
  );
}

function ConflictWarning({ reading, encounter }: { reading: CapturedReading; encounter: OpenEncounter }) {
  const named = reading.messagePatient ? withMrn(reading.messagePatient) : (reading.messagePatientId ?? 'another patient');
  return (
    <p className="reading-conflict" role="note">
      The device message names {named}; this encounter is {withMrn(encounter.patient)}.
    </p>
  );
}

function Actions({ reading, encounter, busy, decisions }: { reading: CapturedReading; encounter: OpenEncounter; busy: boolean; decisions: ReadingDecisions }) {
  const guard = busy || undefined;
  const reject = (
    <Button variant="secondary" aria-disabled={guard} onClick={() => decisions.reject(reading)}>
      Reject
    </Button>
  );
  if (!reading.valid) return <div className="row-actions">{reject}</div>;
  if (reading.patientConflict) {
    const other = reading.messagePatient;
    return (
      <div className="row-actions">
        <Button variant="primary" aria-disabled={guard} onClick={() => decisions.accept(reading, encounter.patient, true)}>
          Chart to {patientName(encounter.patient)}
        </Button>
        {other && other.id !== encounter.patient.id ? (
          <Button variant="secondary" aria-disabled={guard} onClick={() => decisions.accept(reading, other, false)}>
            Chart to {patientName(other)}
          </Button>
        ) : null}
        {reject}
      </div>
    );
  }
  return (
    <div className="row-actions">
      <Button variant="primary" aria-disabled={guard} onClick={() => decisions.accept(reading, encounter.patient, true)}>
        Accept
      </Button>
      {reject}
    </div>
  );
}

/** One reading waiting for a decision. Invalid ones can only be rejected; a patient conflict needs a choice. */
export function PendingReadingRow({ reading, encounter, latest, busy, decisions }: PendingReadingRowProps) {
  const classes = ['reading-row', !reading.valid ? 'reading-row--invalid' : '', reading.patientConflict ? 'reading-row--conflict' : ''].filter(Boolean).join(' ');
  return (
    <tr
      className={classes}
      data-reading-id={reading.id}
      data-code={reading.code}
      data-loinc={reading.loinc ?? undefined}
      data-valid={reading.valid}
      data-latest={latest || undefined}
      aria-busy={busy || undefined}
    >
      <th scope="row">
        <span className="reading-name">{measurementName(reading)}</span>
        <Codes reading={reading} />
      </th>
      <td>
        <span className={latest ? 'reading-value reading-value--latest' : 'reading-value'}>{reading.value}</span>
        {reading.unit ? <span className="reading-unit"> {reading.unit}</span> : null}
      </td>
      <td>
        <time dateTime={reading.observedAt}>{formatObservedTime(reading.observedAt)}</time>
      </td>
      <td>
        {reading.patientConflict ? <ConflictWarning reading={reading} encounter={encounter} /> : null}
        <Flags reading={reading} />
      </td>
      {decisions ? (
        <td className="data-table__actions">
          <Actions reading={reading} encounter={encounter} busy={busy} decisions={decisions} />
        </td>
      ) : null}
    </tr>
  );
}
