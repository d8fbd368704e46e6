import type { Kysely } from 'kysely';
import type { Resource } from '@medplum/fhirtypes';
import { AppError } from '../../../common/rpc/errors';
import { OrganizationRepository } from '../../../db/repositories/organization-repository';
import { PatientChartRepository } from '../../../db/repositories/patient-chart-repository';
import { PatientRepository } from '../../../db/repositories/patient-repository';
import { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { Database } from '../../../db/schema';
import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/id-generator';
import { nextMrn } from '../patients/mrn-assigner';
import { readBundle, type BundleReading } from './bundle-reader';
import { JsonSyntaxError, parseFhirJson, stringifyFhir } from './fhir-json';
import type { FhirProblem } from './fhir-problem';
import { specProblems } from './fhir-validation';
import { buildPatientBundle, countResources } from './patient-bundle';

export interface FhirDeps {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
}

/** The patient's whole chart as FHIR R4 JSON (decimals as measured) and how many of each resource. */
export async function exportPatientBundle(deps: FhirDeps, patientId: string): Promise<{ json: string; counts: Record<string, number>; mrn: string }> {
  const chart = await new PatientChartRepository(deps.db).chartOf(patientId);
  if (!chart) throw new AppError('NOT_FOUND', 'No such patient', 'patientId');
  const bundle = buildPatientBundle(chart, deps.clock.now().toISOString());
  return { json: stringifyFhir(bundle, 2), counts: countResources(bundle), mrn: chart.patient.mrn };
}

function parse(text: string): { bundle: unknown } | { problems: FhirProblem[] } {
  try {
    return { bundle: parseFhirJson(text) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { problems: [{ index: -1, resourceType: 'Bundle', id: '', path: 'Bundle', message: error.message }] };
    throw error;
  }
}

/** Every problem of a bundle: the FHIR specification's (via @medplum/core) and the workstation's. */
export function checkBundle(text: string, deps: Pick<FhirDeps, 'ids' | 'clock'>, patientId = 'pending'): { problems: FhirProblem[]; reading?: BundleReading } {
  const parsed = parse(text);
  if ('problems' in parsed) return parsed;
  const reading = readBundle(parsed.bundle, { patientId, newId: () => deps.ids.uuid(), now: deps.clock.now().toISOString() });
  const entries = (parsed.bundle as { entry?: { resource?: Resource }[] } | null)?.entry;
  const spec = Array.isArray(entries)
    ? entries.flatMap((e, index) => (e?.resource && typeof e.resource === 'object' && typeof e.resource.resourceType === 'string' ? specProblems(e.resource, index) : []))
    : [];
  return { problems: [...spec, ...reading.problems].sort((a, b) => a.index - b.index), reading };
}

export interface ImportOutcome {
  patientId: string;
  mrn: string;
  matched: boolean;
  created: Record<string, number>;
  skipped: Record<string, number>;
}

export class BundleInvalidError extends Error {
  constructor(readonly problems: FhirProblem[]) {
    super(`The bundle has ${problems.length} problem(s); nothing was imported`);
  }
}

/**
 * Imports a bundle: all of it in one transaction, or nothing when any resource has a problem.
 * mode 'new' registers a new patient with this clinic's next MRN (the source MRN is not kept:
 * it belongs to another numbering); 'match' adds the chart to the patient whose MRN (urn:aipc:mrn)
 * or national id equals the bundle's, leaving their demographics untouched.
 */
export async function importBundle(
  deps: FhirDeps, text: string, mode: 'new' | 'match', actor: { userId: string | null; username: string },
): Promise<ImportOutcome> {
  const first = checkBundle(text, deps);
  if (first.problems.length > 0 || !first.reading?.patient) throw new BundleInvalidError(first.problems);
  const incoming = first.reading.patient;
  const now = deps.clock.now().toISOString();
  const parsedBundle = parseFhirJson(text);
  return deps.db.transaction().execute(async (trx) => {
    const patients = new PatientRepository(trx);
    const identifierProblem = (message: string) => new BundleInvalidError([{ index: -1, resourceType: 'Patient', id: '', path: 'Patient.identifier', message }]);
    let existing = incoming.mrn ? await patients.findByMrn(incoming.mrn) : undefined;
    for (const i of incoming.identifiers) existing ??= await patients.findIdentifierOwner(i.system, i.value);
    if (mode === 'match' && !existing) throw new AppError('NOT_FOUND', 'No patient here has this MRN or national id; import as a new patient', 'mode');
    if (mode === 'new') {
      for (const i of incoming.identifiers) {
        const owner = await patients.findIdentifierOwner(i.system, i.value);
        if (owner) throw identifierProblem(`The ${i.system.replace('_', ' ')} ${i.value} belongs to patient ${owner.mrn}; import into that patient instead`);
      }
    }
    let patientId: string;
    let mrn: string;
    if (mode === 'match') {
      patientId = existing!.id;
      mrn = existing!.mrn;
    } else {
      const org = await new OrganizationRepository(trx).current();
      if (!org) throw new AppError('CONFLICT', 'Set up the clinic before importing patients');
      patientId = deps.ids.uuid();
      mrn = await nextMrn(patients, new SettingsRepository(trx), deps.clock.now().getUTCFullYear());
      await patients.insert({
        id: patientId, organizationId: org.id, mrn, givenName: incoming.givenName, middleName: incoming.middleName, familyName: incoming.familyName,
        dateOfBirth: incoming.dateOfBirth, sex: incoming.sex, phone: incoming.phone, email: incoming.email, addressLine: incoming.addressLine,
        city: incoming.city, region: incoming.region, postalCode: incoming.postalCode, country: incoming.country,
        identifiers: incoming.identifiers.map((i) => ({ id: deps.ids.uuid(), ...i })), now,
      });
      await patients.insertChanges([{ id: deps.ids.uuid(), patientId, at: now, userId: actor.userId, username: actor.username, kind: 'registered' }]);
    }
    const reading = readBundle(parsedBundle, { patientId, newId: () => deps.ids.uuid(), now });
    await new PatientChartRepository(trx).insertRows(reading.rows);
    const r = reading.rows;
    const created: Record<string, number> = {
      Patient: mode === 'new' ? 1 : 0, Encounter: r.encounters.length, Observation: r.observations.length, Condition: r.problems.length,
      AllergyIntolerance: r.allergies.length, MedicationRequest: r.orders.filter((o) => o.kind === 'medication').length,
      ServiceRequest: r.orders.filter((o) => o.kind === 'lab').length, CarePlan: r.carePlans.length, Goal: r.goals.length,
    };
    return { patientId, mrn, matched: mode === 'match', created, skipped: reading.skipped };
  });
}
