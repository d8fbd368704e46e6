import type { Updateable } from 'kysely';
import type { careContract } from '../../../common/contract/care.contract';
import { blankToNull } from '../../../common/domain/clinical-text';
import { problemCodeProblem, type ProblemCodeSystem } from '../../../common/domain/problems';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { ProblemRepository } from '../../../db/repositories/problem-repository';
import type { ProblemsTable } from '../../../db/schema';
import { clinicToday, notInFuture, requireEncounterOf, requirePatient, stale, userOf, type CareDeps } from './care-context';

type ProblemHandlers = Pick<Handlers<typeof careContract>, 'problems.list' | 'problems.record' | 'problems.update'>;

/** A code needs its system; a system without a code is simply no code. Null pair for none. */
function codePair(system: ProblemCodeSystem | undefined, code: string): { code_system: string | null; code: string | null } {
  if (code === '') return { code_system: null, code: null };
  if (!system) throw new AppError('VALIDATION', 'Choose the code system of this code (SNOMED CT or ICD-10)', 'codeSystem');
  const problem = problemCodeProblem(system, code);
  if (problem) throw new AppError('VALIDATION', problem, 'code');
  return { code_system: system, code: system === 'icd-10' ? code.toUpperCase() : code };
}

export function createProblemHandlers(deps: CareDeps): ProblemHandlers {
  const repo = new ProblemRepository(deps.db);
  const now = () => deps.clock.now().toISOString();

  return {
    'problems.list': async (input) => {
      await requirePatient(deps.db, input.patientId);
      return repo.problemsOf(input.patientId, { includeEnteredInError: input.includeEnteredInError });
    },

    'problems.record': async (input, ctx) => {
      const userId = userOf(ctx);
      await requirePatient(deps.db, input.patientId);
      await requireEncounterOf(deps.db, input.encounterId, input.patientId);
      const today = await clinicToday(deps);
      notInFuture(input.onsetDate, today, 'onsetDate', 'Onset date');
      const at = now();
      const id = deps.ids.uuid();
      await repo.insertProblem({
        id,
        patient_id: input.patientId,
        encounter_id: input.encounterId ?? null,
        condition: input.condition,
        ...codePair(input.codeSystem, input.code),
        onset_date: blankToNull(input.onsetDate),
        status: input.status,
        resolved_date: input.status === 'resolved' ? today : null,
        notes: blankToNull(input.notes),
        recorded_by: userId,
        created_at: at,
        updated_at: at,
      });
      return (await repo.findProblem(id))!;
    },

    'problems.update': async (input, ctx) => {
      userOf(ctx);
      const current = await repo.findProblem(input.id);
      if (!current) throw new AppError('NOT_FOUND', 'No such problem', 'id');
      ctx.auditPatient(current.patientId);
      if (current.status === 'entered-in-error') {
        throw new AppError('CONFLICT', 'This problem was marked entered in error; record it again instead', 'status');
      }
      const today = await clinicToday(deps);
      notInFuture(input.onsetDate, today, 'onsetDate', 'Onset date');
      notInFuture(input.resolvedDate, today, 'resolvedDate', 'Resolved date');
      const changes: Updateable<ProblemsTable> = {};
      if (input.condition !== undefined) changes.condition = input.condition;
      if (input.code !== undefined) Object.assign(changes, codePair(input.codeSystem ?? current.codeSystem ?? undefined, input.code));
      else if (input.codeSystem !== undefined && current.code) Object.assign(changes, codePair(input.codeSystem, current.code));
      if (input.onsetDate !== undefined) changes.onset_date = blankToNull(input.onsetDate);
      if (input.notes !== undefined) changes.notes = blankToNull(input.notes);
      const status = input.status ?? current.status;
      if (input.status !== undefined) changes.status = input.status;
      if (status === 'resolved') {
        const resolved = input.resolvedDate !== undefined ? blankToNull(input.resolvedDate) : current.resolvedDate;
        changes.resolved_date = resolved ?? today;
      } else if (input.resolvedDate) {
        throw new AppError('VALIDATION', 'Only a resolved problem has a resolved date', 'resolvedDate');
      } else {
        changes.resolved_date = null;
      }
      const onset = changes.onset_date !== undefined ? changes.onset_date : current.onsetDate;
      if (onset && changes.resolved_date && changes.resolved_date < onset) {
        throw new AppError('VALIDATION', 'Resolved date cannot be before the onset date', input.resolvedDate ? 'resolvedDate' : 'onsetDate');
      }
      if (!(await repo.updateProblem(input.id, input.expectedVersion, changes, now()))) throw stale('problem');
      return (await repo.findProblem(input.id))!;
    },
  };
}
