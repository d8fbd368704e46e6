import type { CaptureLookupRepository } from '../../../db/repositories/capture-lookup-repository';
import type { CaptureFocus } from './capture-focus';

export interface CaptureTarget {
  patientId: string | null;
  encounterId: string | null;
  orderId: string | null;
  /** The patient the message itself named, matched by lab sample id or MRN. */
  messagePatientMatch: string | null;
  /** The encounter's patient and the message's patient disagree: a clinician must choose. */
  conflict: boolean;
}

/**
 * Decides where a reading goes: the encounter active where the device sits (the focus a clinician
 * set, else the encounter in progress in that room), and the patient the message names (by lab
 * order sample id, else by MRN). If both are known and differ, the reading is a conflict.
 */
export class CaptureTargeting {
  constructor(
    private readonly lookups: CaptureLookupRepository,
    private readonly focus: CaptureFocus,
  ) {}

  async resolve(device: { locationId: string | null }, message: { patientId: string | null; sampleId: string | null }): Promise<CaptureTarget> {
    const encounter = device.locationId ? await this.encounterAt(device.locationId) : null;
    const order = message.sampleId ? await this.lookups.labOrderBySample(message.sampleId.trim()) : null;
    const named = order ? { id: order.patient_id } : message.patientId ? await this.lookups.patientByMrn(message.patientId.trim()) : null;

    if (encounter) {
      const namesSomeoneElse =
        (named !== null && named.id !== encounter.patient_id) ||
        (named === null && message.patientId !== null && message.patientId.trim() !== '' && message.patientId.trim() !== encounter.mrn);
      return {
        patientId: encounter.patient_id,
        encounterId: encounter.id,
        orderId: order && order.patient_id === encounter.patient_id ? order.id : null,
        messagePatientMatch: named?.id ?? null,
        conflict: namesSomeoneElse,
      };
    }
    if (named) {
      const open = await this.lookups.openEncounterOf(named.id);
      return { patientId: named.id, encounterId: open, orderId: order?.id ?? null, messagePatientMatch: named.id, conflict: false };
    }
    return { patientId: null, encounterId: null, orderId: null, messagePatientMatch: null, conflict: false };
  }

  /** The encounter a clinician focused the place on, else the one in progress in that room. */
  private async encounterAt(locationId: string) {
    const focused = await this.focus.encounterAt(locationId);
    if (focused) {
      const row = await this.lookups.encounterById(focused);
      if (row) return row;
    }
    return this.lookups.encounterInRoom(locationId);
  }
}
