import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
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

interface EncounterAt {
  id: string;
  patient_id: string;
  mrn: string;
}

/**
 * Decides where a reading goes: the encounter active where the device sits (the focus a clinician
 * set, else the encounter in progress in that room), and the patient the message names (by lab
 * order sample id, else by MRN). If both are known and differ, the reading is a conflict.
 */
export class CaptureTargeting {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly focus: CaptureFocus,
  ) {}

  async resolve(device: { locationId: string | null }, message: { patientId: string | null; sampleId: string | null }): Promise<CaptureTarget> {
    const encounter = device.locationId ? await this.encounterAt(device.locationId) : null;
    const order = message.sampleId ? await this.orderBySample(message.sampleId) : null;
    const named = order ? { id: order.patient_id } : message.patientId ? await this.patientByMrn(message.patientId) : null;

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
      const open = await this.openEncounterOf(named.id);
      return { patientId: named.id, encounterId: open, orderId: order?.id ?? null, messagePatientMatch: named.id, conflict: false };
    }
    return { patientId: null, encounterId: null, orderId: null, messagePatientMatch: null, conflict: false };
  }

  private async encounterAt(locationId: string): Promise<EncounterAt | null> {
    const focused = await this.focus.encounterAt(locationId);
    const base = this.db
      .selectFrom('encounters as e')
      .innerJoin('patients as p', 'p.id', 'e.patient_id')
      .select(['e.id', 'e.patient_id', 'p.mrn'])
      .where('e.deleted', '=', 0)
      .where('e.status', 'in', ['planned', 'in_progress']);
    if (focused) {
      const row = await base.where('e.id', '=', focused).executeTakeFirst();
      if (row) return row;
    }
    const row = await base
      .where('e.location_id', '=', locationId)
      .where('e.status', '=', 'in_progress')
      .orderBy('e.started_at', 'desc')
      .executeTakeFirst();
    return row ?? null;
  }

  private orderBySample(sampleId: string) {
    return this.db
      .selectFrom('orders')
      .select(['id', 'patient_id'])
      .where('sample_id', '=', sampleId.trim())
      .where('kind', '=', 'lab')
      .where('deleted', '=', 0)
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
      .then((r) => r ?? null);
  }

  private patientByMrn(id: string) {
    return this.db
      .selectFrom('patients')
      .select('id')
      .where('mrn', '=', id.trim())
      .where('deleted', '=', 0)
      .executeTakeFirst()
      .then((r) => r ?? null);
  }

  private openEncounterOf(patientId: string): Promise<string | null> {
    return this.db
      .selectFrom('encounters')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('deleted', '=', 0)
      .where('status', 'in', ['planned', 'in_progress'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
      .then((r) => r?.id ?? null);
  }
}
