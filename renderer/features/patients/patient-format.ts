import { SEX_LABELS, type PatientSummary } from '../../../common/domain/patients';
import { PATHS } from '../shell/app-paths';

export function patientPath(id: string): string {
  return PATHS.patient.replace(':patientId', encodeURIComponent(id));
}

export function patientChartPath(id: string): string {
  return PATHS.patientChart.replace(':patientId', encodeURIComponent(id));
}

/** "García, María José" — family name first, as the front desk files them. */
export function patientName(p: Pick<PatientSummary, 'givenName' | 'familyName'> & { middleName?: string | null }): string {
  return `${p.familyName}, ${p.givenName}${p.middleName ? ` ${p.middleName}` : ''}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A date of birth (YYYY-MM-DD) in the workstation's style, with the ISO form kept unambiguous. */
export function formatDateOfBirth(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function sexLabel(sex: PatientSummary['sex']): string {
  return SEX_LABELS[sex];
}

/** Today's date where this browser is, for the date-of-birth check before sending. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
