import type { Allergy } from '../../../common/domain/allergies';
import { DOSE_UNITS, FREQUENCIES, PRIORITIES, ROUTES, SPECIMENS, type MedicationDetails, type Order } from '../../../common/domain/orders';

export const ORDER_STATUS_LABELS: Readonly<Record<Order['status'], string>> = {
  draft: 'Draft (unsigned)',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
};

export const ORDER_STATUS_TONES: Readonly<Record<Order['status'], 'ok' | 'warn' | 'muted' | 'danger'>> = {
  draft: 'warn',
  active: 'ok',
  completed: 'muted',
  cancelled: 'muted',
  'entered-in-error': 'danger',
};

export const ROUTE_LABELS: Readonly<Record<(typeof ROUTES)[number], string>> = {
  oral: 'Oral', sublingual: 'Sublingual', iv: 'Intravenous', im: 'Intramuscular', sc: 'Subcutaneous', topical: 'Topical', inhaled: 'Inhaled',
  nasal: 'Nasal', rectal: 'Rectal', vaginal: 'Vaginal', ophthalmic: 'Eye', otic: 'Ear', transdermal: 'Transdermal',
};

export const FREQUENCY_LABELS: Readonly<Record<(typeof FREQUENCIES)[number], string>> = {
  once: 'Once', daily: 'Once daily', bid: 'Twice daily', tid: 'Three times daily', qid: 'Four times daily', q4h: 'Every 4 hours',
  q6h: 'Every 6 hours', q8h: 'Every 8 hours', q12h: 'Every 12 hours', 'at-night': 'At night', weekly: 'Weekly', prn: 'When needed',
};

export const SPECIMEN_LABELS: Readonly<Record<(typeof SPECIMENS)[number], string>> = {
  blood: 'Whole blood', serum: 'Serum', plasma: 'Plasma', urine: 'Urine', stool: 'Stool', swab: 'Swab', sputum: 'Sputum', csf: 'CSF', other: 'Other',
};

export const PRIORITY_LABELS: Readonly<Record<(typeof PRIORITIES)[number], string>> = { routine: 'Routine', urgent: 'Urgent', stat: 'STAT' };

export const SEVERITY_LABELS: Readonly<Record<Allergy['severity'], string>> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe', unknown: 'Unknown' };

export const ALLERGY_STATUS_LABELS: Readonly<Record<Allergy['status'], string>> = { active: 'Active', inactive: 'Inactive', 'entered-in-error': 'Entered in error' };

export const DOSE_UNIT_OPTIONS = DOSE_UNITS.map((u) => ({ value: u, label: u }));
export const ROUTE_OPTIONS = ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }));
export const FREQUENCY_OPTIONS = FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }));
export const SPECIMEN_OPTIONS = SPECIMENS.map((s) => ({ value: s, label: SPECIMEN_LABELS[s] }));
export const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

/** "500 mg oral, three times daily, 7 days, #21, 0 refills". */
export function medicationSummary(m: MedicationDetails): string {
  const parts = [`${m.dose} ${m.doseUnit} ${ROUTE_LABELS[m.route].toLowerCase()}`, FREQUENCY_LABELS[m.frequency].toLowerCase()];
  if (m.durationDays !== null) parts.push(`${m.durationDays} day${m.durationDays === 1 ? '' : 's'}`);
  if (m.quantity !== null) parts.push(`quantity ${m.quantity}`);
  parts.push(`${m.refills} refill${m.refills === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The drug code of a medication order as the allergy check takes it ("" when ordered by name). */
export function drugCodeOf(order: Order): string {
  return order.codeSystem === 'urn:aipc:drug-name' ? '' : order.code;
}
