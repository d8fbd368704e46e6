import type { Kysely } from 'kysely';
import type { captureContract } from '../../../common/contract/capture.contract';
import type { CapturedReading, ChartObservation, OpenEncounter } from '../../../common/domain/captures';
import { observationCodeByLoinc } from '../../../common/domain/observation-codes';
import type { Handlers, HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { DeviceReadingRepository, type DeviceReadingView } from '../../../db/repositories/device-reading-repository';
import { ObservationRepository, type NewObservation } from '../../../db/repositories/observation-repository';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import type { Database } from '../../../db/schema';
import type { SqliteConnection } from '../../../db/sqlite-driver';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { IdGenerator } from '../../ports/id-generator';
import type { CriticalResultCheck } from '../critical-results/critical-result-check';
import type { CaptureFocus } from './capture-focus';
import { toCapturedReading } from './captured-reading-view';

export interface CaptureDeps {
  db: Kysely<Database>;
  raw: SqliteConnection;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  focus: CaptureFocus;
  criticalResults?: CriticalResultCheck;
}

const LOINC_SYSTEM = 'http://loinc.org';

function userOf(ctx: HandlerContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.session.userId;
}

export function createCaptureHandlers(deps: CaptureDeps): Handlers<typeof captureContract> {
  const readings = new DeviceReadingRepository(deps.db, deps.raw);
  const now = () => deps.clock.now().toISOString();

  const openEncounters = async (encounterId?: string): Promise<OpenEncounter[]> => {
    let q = deps.db
      .selectFrom('encounters as e')
      .innerJoin('patients as p', 'p.id', 'e.patient_id')
      .leftJoin('providers as pr', 'pr.id', 'e.provider_id')
      .leftJoin('locations as l', 'l.id', 'e.location_id')
      .select([
        'e.id', 'e.status', 'e.location_id', 'e.appointment_id', 'e.started_at', 'e.patient_id',
        'p.mrn', 'p.given_name', 'p.family_name', 'pr.given_name as provider_given', 'pr.family_name as provider_family',
        'l.name as location_name',
      ])
      .where('e.deleted', '=', 0);
    q = encounterId ? q.where('e.id', '=', encounterId) : q.where('e.status', 'in', ['planned', 'in_progress']);
    const rows = await q.orderBy('e.created_at', 'desc').limit(500).execute();
    const counts = await readings.countPendingByEncounter(rows.map((r) => r.id));
    const result: OpenEncounter[] = [];
    for (const r of rows) {
      const focused = await deps.focus.locationsFocusedOn(r.id);
      const captureLocationIds = [...new Set([...(r.location_id ? [r.location_id] : []), ...focused])];
      result.push({
        id: r.id,
        patient: { id: r.patient_id, mrn: r.mrn, givenName: r.given_name, familyName: r.family_name },
        status: r.status,
        providerName: r.provider_family ? `${r.provider_given ?? ''} ${r.provider_family}`.trim() : null,
        locationId: r.location_id,
        locationName: r.location_name,
        appointmentId: r.appointment_id,
        startedAt: r.started_at,
        captureLocationIds,
        pendingReadings: counts.get(r.id) ?? 0,
      });
    }
    return result;
  };

  const encounter = async (id: string): Promise<OpenEncounter> => {
    const [found] = await openEncounters(id);
    if (!found) throw new AppError('NOT_FOUND', 'No such encounter', 'encounterId');
    return found;
  };

  const publishReadings = async (ids: string[]) => {
    for (const r of await readings.findMany(ids)) deps.events.publish('capture.reading', { reading: toCapturedReading(r) });
  };

  /**
   * The readings, all still undecided. One a newer reading superseded while the clinician looked at
   * it is undecided too: accepting it charts the value they saw.
   */
  const pendingOrFail = (rows: DeviceReadingView[], ids: readonly string[]): DeviceReadingView[] => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id, i) => {
      const row = byId.get(id);
      if (!row) throw new AppError('NOT_FOUND', 'No such reading', `readingIds.${i}`);
      if (row.status === 'accepted' || row.status === 'rejected') {
        throw new AppError('CONFLICT', `This reading was already ${row.status}`, `readingIds.${i}`);
      }
      return row;
    });
  };

  return {
    'encounters.open': () => openEncounters(),

    'encounters.get': (input, ctx) => {
      return encounter(input.encounterId).then((e) => {
        ctx.auditPatient(e.patient.id);
        return e;
      });
    },

    'capture.focus': async (input, ctx) => {
      const e = await encounter(input.encounterId);
      if (e.status !== 'planned' && e.status !== 'in_progress') throw new AppError('CONFLICT', 'This encounter is closed');
      const location = await new OrganizationRepository(deps.db).findLocation(input.locationId);
      if (!location || location.deleted === 1) throw new AppError('NOT_FOUND', 'No such location', 'locationId');
      if (location.kind !== 'room' && location.kind !== 'workstation') {
        throw new AppError('VALIDATION', 'Devices sit in a room or at a workstation', 'locationId');
      }
      ctx.auditPatient(e.patient.id);
      await deps.focus.set(input.locationId, input.encounterId, now());
      deps.events.publish('capture.focus', { locationId: input.locationId, encounterId: input.encounterId });
      return encounter(input.encounterId);
    },

    'capture.release': async (input) => {
      const released = (await deps.focus.encounterAt(input.locationId)) !== null;
      if (released) {
        await deps.focus.set(input.locationId, null, now());
        deps.events.publish('capture.focus', { locationId: input.locationId, encounterId: null });
      }
      return { released };
    },

    'capture.pending': async (input) => (await readings.pending(input)).map(toCapturedReading),

    'capture.accept': async (input, ctx) => {
      const userId = userOf(ctx);
      const at = now();
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const trxReadings = new DeviceReadingRepository(trx, deps.raw);
        const rows = pendingOrFail(await trxReadings.findMany(input.readingIds), input.readingIds);
        const observations: NewObservation[] = [];
        const decisions: Parameters<DeviceReadingRepository['decide']>[1] = [];
        for (const [i, row] of rows.entries()) {
          const field = `readingIds.${i}`;
          if (row.valid !== 1) {
            const flags = (JSON.parse(row.flags) as string[]).join(', ') || 'invalid';
            throw new AppError('READING_INVALID', `Not a valid measurement (${flags}); it cannot be charted`, field);
          }
          const patientId = await choosePatient(trx, row, input.patientId, field);
          const encounterId = input.encounterId ?? (patientId === row.patient_id ? row.encounter_id : null);
          if (input.encounterId) await checkEncounterOf(trx, input.encounterId, patientId);
          const observationId = deps.ids.uuid();
          const flags = JSON.parse(row.flags) as string[];
          observations.push({
            id: observationId,
            patientId,
            encounterId,
            codeSystem: row.loinc ? LOINC_SYSTEM : row.code_system ?? 'device',
            code: row.loinc ?? row.code,
            display: row.display ?? (row.loinc ? observationCodeByLoinc(row.loinc)?.display ?? null : null),
            valueText: row.value_text,
            unit: row.ucum ?? row.unit,
            observedAt: row.observed_at,
            status: flags.includes('preliminary') ? 'preliminary' : flags.includes('corrected') ? 'corrected' : 'final',
            source: 'device',
            deviceId: row.device_id,
            performerId: userId,
            orderId: patientId === row.patient_id ? row.order_id : null,
            referenceRange: row.reference_range,
            interpretation: flags,
            now: at,
          });
          decisions.push({ id: row.id, status: 'accepted', observationId, patientId, encounterId });
          ctx.auditPatient(patientId);
        }
        await new ObservationRepository(trx).insertMany(observations);
        if ((await trxReadings.decide(trx, decisions, userId, null, at)) !== decisions.length) {
          throw new AppError('CONFLICT', 'Someone else decided on these readings meanwhile; reload');
        }
        return observations.map((o) => o.id);
      });
      await publishReadings(input.readingIds);
      await deps.criticalResults?.checkObservations(outcome);
      const accepted = (await readings.findMany(input.readingIds)).map(toCapturedReading);
      return { accepted: sortLike(accepted, input.readingIds), observationIds: outcome };
    },

    'capture.reject': async (input, ctx) => {
      const userId = userOf(ctx);
      const at = now();
      await deps.db.transaction().execute(async (trx) => {
        const trxReadings = new DeviceReadingRepository(trx, deps.raw);
        const rows = pendingOrFail(await trxReadings.findMany(input.readingIds), input.readingIds);
        for (const row of rows) if (row.patient_id) ctx.auditPatient(row.patient_id);
        const decisions = rows.map((r) => ({ id: r.id, status: 'rejected' as const, observationId: null }));
        if ((await trxReadings.decide(trx, decisions, userId, input.reason === '' ? null : input.reason, at)) !== decisions.length) {
          throw new AppError('CONFLICT', 'Someone else decided on these readings meanwhile; reload');
        }
      });
      await publishReadings(input.readingIds);
      return { rejected: sortLike((await readings.findMany(input.readingIds)).map(toCapturedReading), input.readingIds) };
    },

    'observations.list': async (input) => {
      const rows = await new ObservationRepository(deps.db).recentForPatient(input.patientId, input);
      return rows.map(
        (o): ChartObservation => ({
          id: o.id,
          patientId: o.patient_id,
          encounterId: o.encounter_id,
          orderId: o.order_id,
          codeSystem: o.code_system,
          code: o.code,
          display: o.display,
          value: o.value_text,
          unit: o.unit,
          referenceRange: o.reference_range,
          flags: o.interpretation ? (JSON.parse(o.interpretation) as string[]) : [],
          observedAt: o.observed_at,
          status: o.status,
          source: o.source,
          deviceId: o.device_id,
          deviceName: o.device_name,
          performerId: o.performer_id,
        }),
      );
    },
  };
}

/**
 * The patient a reading is charted to. A conflicting or unassigned reading needs the clinician's
 * explicit choice; a chosen patient must be one the reading could belong to, unless it had none.
 */
async function choosePatient(db: Kysely<Database>, row: DeviceReadingView, chosen: string | undefined, field: string): Promise<string> {
  if (chosen === undefined) {
    if (row.patient_conflict === 1) {
      throw new AppError('PATIENT_CONFLICT', 'The device message names a different patient than the encounter; choose the patient to chart to', 'patientId');
    }
    if (!row.patient_id) throw new AppError('VALIDATION', 'Nobody could be matched to this reading; choose the patient', 'patientId');
    return row.patient_id;
  }
  if (row.patient_id && chosen !== row.patient_id && chosen !== row.message_patient_match) {
    throw new AppError('VALIDATION', 'This reading belongs to the encounter’s patient or the patient its message names, not another', field);
  }
  const patient = await db.selectFrom('patients').select('id').where('id', '=', chosen).where('deleted', '=', 0).executeTakeFirst();
  if (!patient) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
  return chosen;
}

async function checkEncounterOf(db: Kysely<Database>, encounterId: string, patientId: string): Promise<void> {
  const e = await db.selectFrom('encounters').select(['patient_id']).where('id', '=', encounterId).where('deleted', '=', 0).executeTakeFirst();
  if (!e) throw new AppError('NOT_FOUND', 'No such encounter', 'encounterId');
  if (e.patient_id !== patientId) throw new AppError('VALIDATION', 'That encounter belongs to another patient', 'encounterId');
}

function sortLike(list: CapturedReading[], ids: readonly string[]): CapturedReading[] {
  const order = new Map(ids.map((id, i) => [id, i]));
  return [...list].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
