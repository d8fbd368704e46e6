import { DEFAULT_FLOWSHEET_CODES, vitalSignOf, type ChartSummary } from '../../../common/domain/chart';
import type { ChartReader } from '../../../db/repositories/chart-repository';

function doseOfOrder(details: string): string | null {
  try {
    const parsed = JSON.parse(details) as { dose?: unknown; doseUnit?: unknown; frequency?: unknown };
    const parts = [parsed.dose, parsed.doseUnit, parsed.frequency].filter((p) => typeof p === 'string' || typeof p === 'number');
    return parts.length ? parts.join(' ') : null;
  } catch {
    return null;
  }
}

/** The chart header in a handful of indexed reads: small lists, counts and one row per vital. */
export function readChartSummary(reader: ChartReader, patientId: string, today: string): ChartSummary {
  const latestVitals = DEFAULT_FLOWSHEET_CODES.flatMap((code) => {
    const row = reader.latestOf(patientId, code);
    if (!row) return [];
    return [{
      code,
      display: vitalSignOf(code)?.display ?? row.display ?? code,
      value: row.value_text,
      unit: row.unit,
      time: row.observed_at,
      flags: row.interpretation ? (JSON.parse(row.interpretation) as string[]) : [],
    }];
  });
  const activities = reader.openActivities(patientId, today);
  const last = reader.lastEncounter(patientId);
  return {
    patientId,
    activeProblems: reader.activeProblems(patientId).map((p) => ({ id: p.id, condition: p.condition, onsetDate: p.onset_date })),
    activeAllergies: reader.activeAllergies(patientId),
    currentMedications: [
      ...reader.activeMedications(patientId).map((m) => ({
        id: m.id, drug: m.drug, dose: m.dose ? `${m.dose}${m.unit ? ` ${m.unit}` : ''}` : null, source: 'statement' as const,
      })),
      ...reader.activeMedicationOrders(patientId).map((o) => ({ id: o.id, drug: o.display, dose: doseOfOrder(o.details), source: 'order' as const })),
    ],
    latestVitals,
    openOrders: reader.openOrderCount(patientId),
    openActivities: activities.open,
    overdueActivities: activities.overdue,
    lastEncounter: last ? { id: last.id, status: last.status, time: last.time, chiefComplaint: last.chief_complaint } : null,
  };
}
