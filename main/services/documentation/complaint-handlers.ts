import type { Kysely } from 'kysely';
import type { documentationContract } from '../../../common/contract/documentation.contract';
import type { EncounterComplaint, Symptom } from '../../../common/domain/clinical-notes';
import type { Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { EncounterComplaintRepository, type EncounterComplaintRow } from '../../../db/repositories/encounter-complaint-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import { encounterFor, requireOpen } from './encounter-access';

type ComplaintContract = Pick<typeof documentationContract, 'encounters.complaint' | 'encounters.saveComplaint'>;

export function createComplaintHandlers(deps: { db: Kysely<Database>; clock: Clock }): Handlers<ComplaintContract> {
  return {
    'encounters.complaint': async (input, ctx) => toComplaint(await encounterFor(deps.db, input.encounterId, ctx)),

    'encounters.saveComplaint': async (input, ctx) => {
      const encounter = await encounterFor(deps.db, input.encounterId, ctx);
      requireOpen(encounter, 'the complaint');
      const repo = new EncounterComplaintRepository(deps.db);
      const complaint = input.chiefComplaint === '' ? null : input.chiefComplaint;
      if (!(await repo.save(input.encounterId, complaint, JSON.stringify(input.symptoms), deps.clock.now().toISOString()))) {
        throw new AppError('CONFLICT', 'This encounter was closed meanwhile');
      }
      return toComplaint((await repo.find(input.encounterId))!);
    },
  };
}

function toComplaint(row: EncounterComplaintRow): EncounterComplaint {
  return { encounterId: row.id, chiefComplaint: row.chief_complaint, symptoms: JSON.parse(row.symptoms) as Symptom[], updatedAt: row.updated_at };
}
