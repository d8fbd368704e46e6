import type { CapturedReading } from '../../../common/domain/captures';
import type { ReadingFlag } from '../../../common/domain/devices';
import type { DeviceReadingView } from '../../../db/repositories/device-reading-repository';

function link(id: string | null, mrn: string | null, given: string | null, family: string | null) {
  return id && mrn !== null ? { id, mrn, givenName: given ?? '', familyName: family ?? '' } : null;
}

export function toCapturedReading(r: DeviceReadingView): CapturedReading {
  return {
    id: r.id,
    deviceId: r.device_id,
    deviceName: r.device_name,
    journalSeq: r.journal_seq,
    patient: link(r.patient_id, r.patient_mrn, r.patient_given_name, r.patient_family_name),
    encounterId: r.encounter_id,
    orderId: r.order_id,
    messagePatientId: r.message_patient_id,
    messagePatient: link(r.message_patient_match, r.match_mrn, r.match_given_name, r.match_family_name),
    patientConflict: r.patient_conflict === 1,
    sampleId: r.sample_id,
    code: r.code,
    codeSystem: r.code_system,
    display: r.display,
    loinc: r.loinc,
    ucum: r.ucum,
    value: r.value_text,
    unit: r.unit,
    flags: JSON.parse(r.flags) as ReadingFlag[],
    referenceRange: r.reference_range,
    comments: JSON.parse(r.comments) as string[],
    valid: r.valid === 1,
    observedAt: r.observed_at,
    receivedAt: r.received_at,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    observationId: r.observation_id,
  };
}
