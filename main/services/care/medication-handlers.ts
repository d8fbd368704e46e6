import type { Updateable } from 'kysely';
import type { careContract } from '../../../common/contract/care.contract';
import { blankToNull } from '../../../common/domain/clinical-text';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { ProblemRepository } from '../../../db/repositories/problem-repository';
import type { MedicationStatementsTable } from '../../../db/schema';
import { clinicToday, notInFuture, requireEncounterOf, requirePatient, stale, userOf, type CareDeps } from './care-context';

type MedicationHandlers = Pick<Handlers<typeof careContract>, 'medications.list' | 'medications.record' | 'medications.update'>;

export function createMedicationHandlers(deps: CareDeps): MedicationHandlers {
  const repo = new ProblemRepository(deps.db);
  const now = () => deps.clock.now().toISOString();

  return {
    'medications.list': async (input) => {
      await requirePatient(deps.db, input.patientId);
      return repo.medicationsOf(input.patientId, { includeStopped: input.includeStopped });
    },

    'medications.record': async (input, ctx) => {
      const userId = userOf(ctx);
      await requirePatient(deps.db, input.patientId);
      await requireEncounterOf(deps.db, input.encounterId, input.patientId);
      notInFuture(input.startedOn, await clinicToday(deps), 'startedOn', 'Start date');
      const at = now();
      const id = deps.ids.uuid();
      await repo.insertMedication({
        id,
        patient_id: input.patientId,
        encounter_id: input.encounterId ?? null,
        drug: input.drug,
        dose: blankToNull(input.dose),
        unit: blankToNull(input.unit),
        route: blankToNull(input.route),
        frequency: blankToNull(input.frequency),
        started_on: blankToNull(input.startedOn),
        stopped_on: null,
        status: 'active',
        recorded_by: userId,
        created_at: at,
        updated_at: at,
      });
      return (await repo.findMedication(id))!;
    },

    'medications.update': async (input, ctx) => {
      userOf(ctx);
      const current = await repo.findMedication(input.id);
      if (!current) throw new AppError('NOT_FOUND', 'No such medication', 'id');
      ctx.auditPatient(current.patientId);
      if (current.status === 'entered-in-error') {
        throw new AppError('CONFLICT', 'This medication was marked entered in error; record it again instead', 'status');
      }
      const today = await clinicToday(deps);
      notInFuture(input.startedOn, today, 'startedOn', 'Start date');
      notInFuture(input.stoppedOn, today, 'stoppedOn', 'Stop date');
      const changes: Updateable<MedicationStatementsTable> = {};
      if (input.drug !== undefined) changes.drug = input.drug;
      for (const key of ['dose', 'unit', 'route', 'frequency'] as const) {
        if (input[key] !== undefined) changes[key] = blankToNull(input[key]);
      }
      if (input.startedOn !== undefined) changes.started_on = blankToNull(input.startedOn);
      const status = input.status ?? current.status;
      if (input.status !== undefined) changes.status = input.status;
      if (status === 'stopped') {
        const stopped = input.stoppedOn !== undefined ? blankToNull(input.stoppedOn) : current.stoppedOn;
        changes.stopped_on = stopped ?? today;
      } else if (input.stoppedOn) {
        throw new AppError('VALIDATION', 'Only a stopped medication has a stop date', 'stoppedOn');
      } else if (status === 'active') {
        changes.stopped_on = null;
      }
      const started = changes.started_on !== undefined ? changes.started_on : current.startedOn;
      if (started && changes.stopped_on && changes.stopped_on < started) {
        throw new AppError('VALIDATION', 'Stop date cannot be before the start date', input.stoppedOn ? 'stoppedOn' : 'startedOn');
      }
      if (!(await repo.updateMedication(input.id, input.expectedVersion, changes, now()))) throw stale('medication');
      return (await repo.findMedication(input.id))!;
    },
  };
}
