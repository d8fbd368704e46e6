import type { Kysely } from 'kysely';
import type { patientsContract } from '../../../common/contract/patients.contract';
import {
  DEMOGRAPHIC_LABELS,
  dateOfBirthProblem,
  emergencyContactProblem,
  type DuplicateCandidate,
  type PatientRecord,
} from '../../../common/domain/patients';
import type { HandlerContext, Handlers } from '../../../common/rpc/dispatcher';
import { AppError } from '../../../common/rpc/errors';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { PatientRepository, type NewPatientChange, type PatientRow } from '../../../db/repositories/patient-repository';
import { PatientSearchRepository } from '../../../db/repositories/patient-search-repository';
import { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { Database } from '../../../db/schema';
import type { SqliteConnection } from '../../../db/sqlite-driver';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import { findDuplicates } from './duplicate-finder';
import { isMrnClash, MRN_PATTERN_SETTING, nextMrn, peekNextMrn } from './mrn-assigner';
import {
  EMERGENCY_CONTACT_FIELDS,
  IDENTIFIER_FIELDS,
  PATIENT_COLUMNS,
  diffDemographics,
  storedDemographics,
  type FieldChange,
} from './patient-fields';
import { createPatientSearch } from './patient-search';

export interface PatientDeps {
  db: Kysely<Database>;
  /** The same connection Kysely uses; search reads run on it with cached statements. */
  raw: SqliteConnection;
  clock: Clock;
  ids: IdGenerator;
}

const MRN_ATTEMPTS = 3;

/**
 * The latest calendar date anywhere (UTC+14): a child born "today" in any clinic's time zone is
 * never refused as born in the future.
 */
export function latestToday(clock: Clock): string {
  return new Date(clock.now().getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

function describeDuplicates(candidates: readonly DuplicateCandidate[]): string {
  const names = candidates
    .slice(0, 3)
    .map((c) => `${c.patient.mrn} (${c.patient.givenName} ${c.patient.familyName}, born ${c.patient.dateOfBirth})`)
    .join('; ');
  const more = candidates.length > 3 ? ` and ${candidates.length - 3} more` : '';
  return `This may be a patient who is already registered: ${names}${more}. Open the existing record, or confirm these are different patients.`;
}

export function createPatientHandlers(deps: PatientDeps): Handlers<typeof patientsContract> {
  const patients = new PatientRepository(deps.db);
  const settings = new SettingsRepository(deps.db);
  const search = createPatientSearch(new PatientSearchRepository(deps.db, deps.raw));
  const now = () => deps.clock.now().toISOString();

  const atomically = <T>(fn: (repo: PatientRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    deps.db.transaction().execute((trx) => fn(new PatientRepository(trx), trx));

  const existing = async (repo: PatientRepository, id: string, field = 'id'): Promise<PatientRow> => {
    const row = await repo.findById(id);
    if (!row) throw new AppError('NOT_FOUND', 'No such patient', field);
    return row;
  };

  const record = async (repo: PatientRepository, id: string): Promise<PatientRecord> => {
    const loaded = await repo.loadRecord(id);
    if (!loaded) throw new AppError('NOT_FOUND', 'No such patient', 'id');
    return loaded;
  };

  const author = (ctx: HandlerContext) => ({ userId: ctx.session?.userId ?? null, username: ctx.session?.username ?? null });

  const checkDateOfBirth = (dateOfBirth: string, field = 'dateOfBirth') => {
    const problem = dateOfBirthProblem(dateOfBirth, latestToday(deps.clock));
    if (problem) throw new AppError('VALIDATION', problem, field);
  };

  /** An identifier is unique across all records: another patient holding it is a hard stop. */
  const checkIdentifiersFree = async (repo: PatientRepository, values: { nationalId: string | null; insuranceNumber: string | null }, self: string | null, prefix = '') => {
    for (const [field, system] of Object.entries(IDENTIFIER_FIELDS) as [keyof typeof IDENTIFIER_FIELDS, (typeof IDENTIFIER_FIELDS)[keyof typeof IDENTIFIER_FIELDS]][]) {
      const value = values[field];
      if (!value) continue;
      const owner = await repo.findIdentifierOwner(system, value);
      if (owner && owner.id !== self) {
        throw new AppError(
          'CONFLICT',
          `${DEMOGRAPHIC_LABELS[field]} ${value} already belongs to ${owner.mrn} (${owner.given_name} ${owner.family_name})`,
          `${prefix}${field}`,
        );
      }
    }
  };

  const stale = () => new AppError('CONFLICT', 'Someone else changed this patient meanwhile; reload and try again');

  return {
    async 'patients.search'(input) {
      return search(input);
    },

    async 'patients.get'(input) {
      return record(patients, input.id);
    },

    async 'patients.findDuplicates'(input) {
      const stored = storedDemographics(input);
      return findDuplicates(patients, {
        givenName: input.givenName,
        familyName: input.familyName,
        dateOfBirth: input.dateOfBirth,
        phone: stored.phone,
        nationalId: stored.nationalId,
        insuranceNumber: stored.insuranceNumber,
        excludeId: input.excludeId,
      });
    },

    async 'patients.register'(input, ctx) {
      checkDateOfBirth(input.dateOfBirth);
      const d = storedDemographics(input);
      const org = await new OrganizationRepository(deps.db).current();
      if (!org) throw new AppError('CONFLICT', 'Set up the clinic before registering patients');
      const year = deps.clock.now().getUTCFullYear();

      for (let attempt = 1; ; attempt += 1) {
        try {
          const registered = await atomically(async (repo, trx) => {
            await checkIdentifiersFree(repo, d, null);
            const duplicates = await findDuplicates(repo, { ...d, givenName: d.givenName!, familyName: d.familyName!, dateOfBirth: d.dateOfBirth! });
            const unacknowledged = duplicates.filter((c) => !input.acknowledgedDuplicateIds.includes(c.patient.id));
            if (unacknowledged.length > 0) throw new AppError('CONFLICT', describeDuplicates(unacknowledged), 'acknowledgedDuplicateIds');

            const id = deps.ids.uuid();
            const at = now();
            await repo.insert({
              id,
              organizationId: org.id,
              mrn: await nextMrn(repo, new SettingsRepository(trx), year),
              givenName: d.givenName!,
              middleName: d.middleName,
              familyName: d.familyName!,
              dateOfBirth: d.dateOfBirth!,
              sex: input.sex,
              phone: d.phone,
              email: d.email,
              addressLine: d.addressLine,
              city: d.city,
              region: d.region,
              postalCode: d.postalCode,
              country: d.country,
              identifiers: [
                ...(d.nationalId ? [{ id: deps.ids.uuid(), system: 'national_id' as const, value: d.nationalId }] : []),
                ...(d.insuranceNumber ? [{ id: deps.ids.uuid(), system: 'insurance' as const, value: d.insuranceNumber }] : []),
              ],
              contacts: d.emergencyContactName
                ? [{ id: deps.ids.uuid(), kind: 'emergency' as const, name: d.emergencyContactName, relationship: d.emergencyContactRelationship, phone: d.emergencyContactPhone }]
                : [],
              now: at,
            });
            await repo.insertChanges([{ id: deps.ids.uuid(), patientId: id, at, ...author(ctx), kind: 'registered' }]);
            return record(repo, id);
          });
          ctx.auditPatient(registered.id);
          return registered;
        } catch (error) {
          if (isMrnClash(error) && attempt < MRN_ATTEMPTS) continue;
          throw error;
        }
      }
    },

    async 'patients.update'(input, ctx) {
      return atomically(async (repo) => {
        const row = await existing(repo, input.id);
        if (row.merged_into_id) throw new AppError('CONFLICT', 'This record was merged into another; edit the surviving record', 'id');
        if (row.version !== input.expectedVersion) throw stale();
        const current = await record(repo, row.id);
        const diffs = diffDemographics(current, input.changes);
        if (diffs.length === 0) return current;

        const after = { ...current, ...Object.fromEntries(diffs.map((c) => [c.field, c.newValue])) } as PatientRecord;
        if (diffs.some((c) => c.field === 'dateOfBirth')) checkDateOfBirth(after.dateOfBirth, 'changes.dateOfBirth');
        const contactProblem = emergencyContactProblem(after);
        if (contactProblem) throw new AppError('VALIDATION', contactProblem.message, `changes.${contactProblem.field}`);
        const changed = (field: FieldChange['field']) => diffs.some((c) => c.field === field);
        await checkIdentifiersFree(
          repo,
          { nationalId: changed('nationalId') ? after.nationalId : null, insuranceNumber: changed('insuranceNumber') ? after.insuranceNumber : null },
          row.id,
          'changes.',
        );

        const at = now();
        const columns: Record<string, string | null> = {};
        for (const c of diffs) {
          const column = (PATIENT_COLUMNS as Record<string, string>)[c.field];
          if (column) columns[column] = c.newValue;
        }
        // The version moves even when only an identifier or contact changed: the record did.
        if (!(await repo.update(row.id, input.expectedVersion, columns, at))) throw stale();
        for (const [field, system] of Object.entries(IDENTIFIER_FIELDS) as [keyof typeof IDENTIFIER_FIELDS, 'national_id' | 'insurance'][]) {
          if (changed(field)) await repo.replaceIdentifier(row.id, system, after[field], deps.ids.uuid(), at);
        }
        if (EMERGENCY_CONTACT_FIELDS.some(changed)) {
          const contact = after.emergencyContactName
            ? { name: after.emergencyContactName, relationship: after.emergencyContactRelationship, phone: after.emergencyContactPhone }
            : null;
          await repo.replaceEmergencyContact(row.id, contact, deps.ids.uuid(), at);
        }
        await repo.insertChanges(
          diffs.map<NewPatientChange>((c) => ({
            id: deps.ids.uuid(),
            patientId: row.id,
            at,
            ...author(ctx),
            kind: 'updated',
            field: c.field,
            oldValue: c.oldValue,
            newValue: c.newValue,
          })),
        );
        return record(repo, row.id);
      });
    },

    async 'patients.history'(input) {
      await existing(patients, input.id);
      return patients.listChanges(input.id);
    },

    async 'patients.setActive'(input, ctx) {
      return atomically(async (repo) => {
        const row = await existing(repo, input.id);
        if ((row.active === 1) === input.active) return record(repo, row.id);
        if (input.active && row.merged_into_id) {
          throw new AppError('CONFLICT', 'A record merged into another cannot be reactivated; use the surviving record', 'id');
        }
        const at = now();
        if (!(await repo.update(row.id, row.version, { active: input.active ? 1 : 0 }, at))) throw stale();
        await repo.insertChanges([
          { id: deps.ids.uuid(), patientId: row.id, at, ...author(ctx), kind: input.active ? 'reactivated' : 'deactivated' },
        ]);
        return record(repo, row.id);
      });
    },

    async 'patients.merge'(input, ctx) {
      if (input.survivorId === input.mergedId) throw new AppError('VALIDATION', 'A record cannot be merged into itself', 'mergedId');
      return atomically(async (repo) => {
        const survivor = await existing(repo, input.survivorId, 'survivorId');
        const merged = await existing(repo, input.mergedId, 'mergedId');
        if (survivor.merged_into_id) throw new AppError('CONFLICT', `${survivor.mrn} was itself merged into another record; merge into that one`, 'survivorId');
        if (merged.merged_into_id) throw new AppError('CONFLICT', `${merged.mrn} has already been merged`, 'mergedId');
        if (survivor.active !== 1) throw new AppError('CONFLICT', `Reactivate ${survivor.mrn} before merging into it`, 'survivorId');
        if (survivor.version !== input.expectedVersions.survivor || merged.version !== input.expectedVersions.merged) throw stale();

        const at = now();
        const moved = await repo.moveOwnedRows(merged.id, survivor.id, at);
        if (!(await repo.update(merged.id, merged.version, { active: 0, merged_into_id: survivor.id }, at))) throw stale();
        if (!(await repo.update(survivor.id, survivor.version, {}, at))) throw stale();
        const summary = Object.entries(moved)
          .filter(([, n]) => n > 0)
          .map(([table, n]) => `${n} ${table.replace(/_/g, ' ')}`)
          .join(', ');
        await repo.insertChanges([
          { id: deps.ids.uuid(), patientId: survivor.id, at, ...author(ctx), kind: 'merged_from', relatedPatientId: merged.id, newValue: summary || 'no records' },
          { id: deps.ids.uuid(), patientId: merged.id, at, ...author(ctx), kind: 'merged_into', relatedPatientId: survivor.id, newValue: summary || 'no records' },
        ]);
        return record(repo, survivor.id);
      });
    },

    async 'patients.mrnSettings'() {
      return mrnSettings();
    },

    async 'patients.setMrnSettings'(input) {
      await settings.set(MRN_PATTERN_SETTING, input.pattern, now());
      return mrnSettings();
    },
  };

  async function mrnSettings() {
    const { pattern, mrn } = await peekNextMrn(patients, settings, deps.clock.now().getUTCFullYear());
    return { pattern, nextMrn: mrn };
  }
}
