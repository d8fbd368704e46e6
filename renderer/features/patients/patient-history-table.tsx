import { Link } from 'react-router';
import { DEMOGRAPHIC_LABELS, type DemographicField, type PatientChange } from '../../../common/domain/patients';
import { DataTable, type Column } from '../../ui/data-table';
import { formatDateTime } from '../../ui/format-date-time';
import { patientPath } from './patient-format';

const KIND_LABELS: Record<PatientChange['kind'], string> = {
  registered: 'Registered',
  updated: 'Changed',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
  merged_into: 'Merged into',
  merged_from: 'Merged from',
};

function what(change: PatientChange) {
  if (change.kind === 'updated' && change.field) {
    return (
      <>
        {DEMOGRAPHIC_LABELS[change.field as DemographicField] ?? change.field}: <span className="history__old">{change.oldValue ?? '(empty)'}</span> →{' '}
        <span className="history__new">{change.newValue ?? '(empty)'}</span>
      </>
    );
  }
  if (change.relatedPatient) {
    return (
      <>
        <Link to={patientPath(change.relatedPatient.id)}>
          {change.relatedPatient.familyName}, {change.relatedPatient.givenName} ({change.relatedPatient.mrn})
        </Link>
        {change.newValue ? ` — moved ${change.newValue}` : ''}
      </>
    );
  }
  return '—';
}

/** Who changed what, when: newest first. */
export function PatientHistoryTable({ changes }: { changes: readonly PatientChange[] }) {
  const columns: Column<PatientChange>[] = [
    { header: 'When', rowHeader: true, cell: (c) => formatDateTime(c.at, true) },
    { header: 'Who', cell: (c) => c.username ?? '—' },
    { header: 'Change', cell: (c) => KIND_LABELS[c.kind] },
    { header: 'Details', cell: what },
  ];
  return <DataTable caption="Change history" captionHidden columns={columns} rows={changes} rowKey={(c) => c.id} emptyMessage="No changes recorded." />;
}
