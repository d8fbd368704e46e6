import type { Kysely } from 'kysely';
import type { ordersContract } from '../../../common/contract/orders.contract';
import { allergyWarningsFor, type AllergyWarning } from '../../../common/domain/allergies';
import { canTransition, type MedicationDetails, type Order, type OrderStatus } from '../../../common/domain/orders';
import { localDateOf } from '../../../common/domain/time-zone';
import type { Handlers, HandlerContext } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { AllergyRepository } from '../../../db/repositories/allergy-repository';
import { OrderRepository, type OrderRow } from '../../../db/repositories/order-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import { ClinicTimeZone } from '../schedule/clinic-time-zone';
import { nextAccessionNumber } from './accession-numbers';
import { toAllergy, toOrder } from './order-view';

export interface OrderDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
}

const LOINC_SYSTEM = 'http://loinc.org';
const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
/** An uncoded drug is identified by its name as written. */
const DRUG_NAME_SYSTEM = 'urn:aipc:drug-name';
const ACCESSION_ATTEMPTS = 5;

function userOf(ctx: HandlerContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.session.userId;
}

function isUniqueClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: orders\.accession_number/.test(error.message);
}

export function createOrderHandlers(deps: OrderDeps): Handlers<typeof ordersContract> {
  const { db } = deps;
  const allergies = new AllergyRepository(db);
  const orders = new OrderRepository(db);
  const zone = new ClinicTimeZone(db, deps.clock);
  const now = () => deps.clock.now().toISOString();

  const requirePatient = async (patientId: string) => {
    const p = await db.selectFrom('patients').select('id').where('id', '=', patientId).where('deleted', '=', 0).executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
  };

  const requireEncounterOf = async (encounterId: string | undefined, patientId: string) => {
    if (!encounterId) return;
    const e = await db.selectFrom('encounters').select('patient_id').where('id', '=', encounterId).where('deleted', '=', 0).executeTakeFirst();
    if (!e) throw new AppError('NOT_FOUND', 'No such encounter', 'encounterId');
    if (e.patient_id !== patientId) throw new AppError('VALIDATION', 'That encounter belongs to another patient', 'encounterId');
  };

  const view = async (row: OrderRow): Promise<Order> => toOrder(row, await orders.resultsOf([row.id]));

  const reload = async (id: string): Promise<Order> => {
    const row = await orders.find(id);
    if (!row) throw new AppError('NOT_FOUND', 'No such order', 'orderId');
    return view(row);
  };

  const warningsFor = async (patientId: string, drug: { name: string; code: string }): Promise<AllergyWarning[]> =>
    allergyWarningsFor(drug, (await allergies.forPatient(patientId, { includeInactive: false })).map(toAllergy));

  const warningsOfOrder = (row: OrderRow) =>
    row.kind === 'medication'
      ? warningsFor(row.patient_id, { name: row.display, code: row.code_system === DRUG_NAME_SYSTEM ? '' : row.code })
      : Promise.resolve([]);

  /** The order, named in the audit event, after checking it may move from its status to `to`. */
  const orderFor = async (orderId: string, expectedVersion: number, to: OrderStatus, ctx: HandlerContext): Promise<OrderRow> => {
    const row = await orders.find(orderId);
    if (!row) throw new AppError('NOT_FOUND', 'No such order', 'orderId');
    ctx.auditPatient(row.patient_id);
    if (!canTransition(row.status, to)) {
      throw new AppError('CONFLICT', `This order is ${row.status}; it cannot become ${to}`, 'orderId');
    }
    if (row.version !== expectedVersion) throw new AppError('CONFLICT', 'This order was changed meanwhile; reload', 'expectedVersion');
    return row;
  };

  const move = async (row: OrderRow, expectedVersion: number, to: OrderStatus, userId: string, extra: Parameters<OrderRepository['transition']>[3] = {}) => {
    const at = now();
    const moved = await orders.transition(row.id, expectedVersion, row.status, { ...extra, status: to, status_changed_by: userId, status_changed_at: at }, at);
    if (!moved) throw new AppError('CONFLICT', 'This order was changed meanwhile; reload', 'expectedVersion');
    return reload(row.id);
  };

  /** Inserts a lab order, assigning the next accession number (retrying if another took it meanwhile). */
  const insertLab = async (base: Omit<Parameters<OrderRepository['insert']>[0], 'accessionNumber' | 'sampleId'>, given: string | undefined) => {
    if (given !== undefined) {
      if (await orders.accessionInUse(given)) throw new AppError('CONFLICT', `Accession number ${given} is already in use`, 'accessionNumber');
      try {
        await orders.insert({ ...base, accessionNumber: given, sampleId: given });
      } catch (error) {
        if (isUniqueClash(error)) throw new AppError('CONFLICT', `Accession number ${given} is already in use`, 'accessionNumber');
        throw error;
      }
      return;
    }
    const localDate = localDateOf(deps.clock.now().getTime(), await zone.get());
    for (let attempt = 1; ; attempt += 1) {
      const accession = await nextAccessionNumber(orders, localDate);
      try {
        await orders.insert({ ...base, accessionNumber: accession, sampleId: accession });
        return;
      } catch (error) {
        if (!isUniqueClash(error) || attempt >= ACCESSION_ATTEMPTS) throw error;
      }
    }
  };

  return {
    'allergies.list': async (input) => (await allergies.forPatient(input.patientId, input)).map(toAllergy),

    'allergies.record': async (input, ctx) => {
      const userId = userOf(ctx);
      await requirePatient(input.patientId);
      const id = deps.ids.uuid();
      await allergies.insert({
        id,
        patientId: input.patientId,
        allergen: input.allergen,
        category: input.category,
        code: input.code === '' ? null : input.code,
        codeSystem: input.code === '' ? null : (input.codeSystem ?? 'other'),
        reaction: input.reaction === '' ? null : input.reaction,
        severity: input.severity,
        recordedBy: userId,
        now: now(),
      });
      return toAllergy((await allergies.find(id))!);
    },

    'allergies.update': async (input, ctx) => {
      const row = await allergies.find(input.id);
      if (!row) throw new AppError('NOT_FOUND', 'No such allergy', 'id');
      ctx.auditPatient(row.patient_id);
      const changes = {
        ...(input.reaction !== undefined ? { reaction: input.reaction === '' ? null : input.reaction } : {}),
        ...(input.severity !== undefined ? { severity: input.severity } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
      };
      if (!(await allergies.updateAtVersion(input.id, input.expectedVersion, changes, now()))) {
        throw new AppError('CONFLICT', 'This allergy was changed meanwhile; reload', 'expectedVersion');
      }
      return toAllergy((await allergies.find(input.id))!);
    },

    'orders.list': async (input) => {
      const rows = await orders.forPatient(input.patientId, input);
      const results = await orders.resultsOf(rows.filter((r) => r.kind === 'lab').map((r) => r.id));
      return rows.map((r) => toOrder(r, results));
    },

    'orders.checkAllergies': (input) => warningsFor(input.patientId, { name: input.drug, code: input.drugCode }),

    'orders.draftMedication': async (input, ctx) => {
      const userId = userOf(ctx);
      await requirePatient(input.patientId);
      await requireEncounterOf(input.encounterId, input.patientId);
      const details: MedicationDetails = {
        dose: input.dose,
        doseUnit: input.doseUnit,
        route: input.route,
        frequency: input.frequency,
        durationDays: input.durationDays ?? null,
        quantity: input.quantity ?? null,
        refills: input.refills,
        instructions: input.instructions,
      };
      const id = deps.ids.uuid();
      await orders.insert({
        id,
        patientId: input.patientId,
        encounterId: input.encounterId ?? null,
        kind: 'medication',
        codeSystem: input.drugCode === '' ? DRUG_NAME_SYSTEM : RXNORM_SYSTEM,
        code: input.drugCode === '' ? input.drug : input.drugCode,
        display: input.drug,
        details: JSON.stringify(details),
        sampleId: null,
        accessionNumber: null,
        priority: null,
        specimen: null,
        orderedBy: userId,
        now: now(),
      });
      return { order: await reload(id), allergyWarnings: await warningsFor(input.patientId, { name: input.drug, code: input.drugCode }) };
    },

    'orders.draftLab': async (input, ctx) => {
      const userId = userOf(ctx);
      await requirePatient(input.patientId);
      await requireEncounterOf(input.encounterId, input.patientId);
      const id = deps.ids.uuid();
      await insertLab(
        {
          id,
          patientId: input.patientId,
          encounterId: input.encounterId ?? null,
          kind: 'lab',
          codeSystem: LOINC_SYSTEM,
          code: input.testCode,
          display: input.testName,
          details: '{}',
          priority: input.priority,
          specimen: input.specimen,
          orderedBy: userId,
          now: now(),
        },
        input.accessionNumber,
      );
      return reload(id);
    },

    'orders.sign': async (input, ctx) => {
      const userId = userOf(ctx);
      const row = await orderFor(input.orderId, input.expectedVersion, 'active', ctx);
      const allergyWarnings = await warningsOfOrder(row);
      if (allergyWarnings.length > 0 && !input.overrideAllergy) {
        throw new AppError(
          'CONFLICT',
          `${allergyWarnings.map((w) => w.message).join('; ')}. To sign anyway, give a reason for overriding the allergy warning`,
          'overrideAllergy',
        );
      }
      const order = await move(row, input.expectedVersion, 'active', userId, {
        signed_by: userId,
        signed_at: now(),
        allergy_override_reason: allergyWarnings.length > 0 ? input.overrideAllergy!.reason : null,
      });
      return { order, allergyWarnings };
    },

    'orders.complete': async (input, ctx) => {
      const row = await orderFor(input.orderId, input.expectedVersion, 'completed', ctx);
      return move(row, input.expectedVersion, 'completed', userOf(ctx));
    },

    'orders.cancel': async (input, ctx) => {
      const row = await orderFor(input.orderId, input.expectedVersion, 'cancelled', ctx);
      return move(row, input.expectedVersion, 'cancelled', userOf(ctx), { status_reason: input.reason });
    },
  };
}
