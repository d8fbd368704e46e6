import type { Allergy } from '../../../common/domain/allergies';
import { isAbnormalFlag, MedicationDetailsSchema, type Order, type OrderResult } from '../../../common/domain/orders';
import type { AllergyRow } from '../../../db/repositories/allergy-repository';
import type { OrderResultRow, OrderRow } from '../../../db/repositories/order-repository';

export function toAllergy(r: AllergyRow): Allergy {
  return {
    id: r.id,
    patientId: r.patient_id,
    allergen: r.allergen,
    category: r.category,
    codeSystem: r.code_system,
    code: r.code,
    reaction: r.reaction,
    severity: r.severity,
    status: r.status,
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function toResult(r: OrderResultRow): OrderResult {
  const flags = r.interpretation ? (JSON.parse(r.interpretation) as string[]) : [];
  return {
    observationId: r.id,
    code: r.code,
    display: r.display,
    value: r.value_text,
    unit: r.unit,
    referenceRange: r.reference_range,
    flags,
    abnormal: flags.some(isAbnormalFlag),
    observedAt: r.observed_at,
    status: r.status,
  };
}

export function toOrder(r: OrderRow, results: readonly OrderResultRow[] = []): Order {
  // The details JSON was written through the contract's schema; read it back through it too.
  const medication = r.kind === 'medication' ? MedicationDetailsSchema.safeParse(JSON.parse(r.details)) : null;
  return {
    id: r.id,
    patientId: r.patient_id,
    encounterId: r.encounter_id,
    kind: r.kind,
    codeSystem: r.code_system,
    code: r.code,
    display: r.display,
    status: r.status,
    medication: medication?.success ? medication.data : null,
    lab: r.kind === 'lab' ? { specimen: (r.specimen ?? 'other') as NonNullable<Order['lab']>['specimen'], priority: r.priority ?? 'routine', accessionNumber: r.accession_number ?? '' } : null,
    orderedBy: r.ordered_by,
    orderedByName: r.ordered_by_name,
    signedBy: r.signed_by,
    signedByName: r.signed_by_name,
    signedAt: r.signed_at,
    statusReason: r.status_reason,
    allergyOverrideReason: r.allergy_override_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    results: results.filter((x) => x.order_id === r.id).map(toResult),
  };
}
