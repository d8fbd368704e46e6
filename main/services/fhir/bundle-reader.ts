import type {
  AllergyIntolerance, Bundle, CarePlan, CodeableConcept, Condition, Encounter, Goal, MedicationRequest, Observation, Patient, Reference,
  Resource, ServiceRequest,
} from '@medplum/fhirtypes';
import { MedicationDetailsSchema, PrioritySchema, SpecimenSchema } from '../../../common/domain/orders';
import type { ChartRows } from '../../../db/repositories/patient-chart-repository';
import type { EncountersTable } from '../../../db/schema';
import { numberTextOf } from './fhir-json';
import type { FhirProblem } from './fhir-problem';
import { FHIR } from './fhir-systems';
import { UNSPECIFIED_REACTION } from './resources/allergy-intolerance-resource';
import { ENCOUNTER_STATUS } from './resources/encounter-resource';
import { MEDICATION_REQUEST_STATUS } from './resources/medication-request-resource';
import { SERVICE_REQUEST_STATUS } from './resources/service-request-resource';

/** The resource types an import understands; others (and Practitioner, Organization) are not stored. */
export const STORED_TYPES = ['Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'ServiceRequest', 'CarePlan', 'Goal'] as const;
const KNOWN_TYPES = new Set<string>([...STORED_TYPES, 'Practitioner', 'Organization', 'DiagnosticReport']);

export interface ImportedPatient {
  mrn: string | null;
  identifiers: { system: 'national_id' | 'insurance'; value: string }[];
  givenName: string;
  middleName: string | null;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  phone: string | null;
  email: string | null;
  addressLine: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface BundleReading {
  problems: FhirProblem[];
  patient: ImportedPatient | null;
  rows: ChartRows;
  /** Entries of types the workstation does not store (Practitioner, Organization, others). */
  skipped: Record<string, number>;
}

const invert = <K extends string, V extends string>(map: Record<K, V>): Record<string, K> =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, K>;
const ENCOUNTER_STATUS_OF = invert(ENCOUNTER_STATUS);
const MEDICATION_STATUS_OF = invert(MEDICATION_REQUEST_STATUS);
const LAB_STATUS_OF = invert(SERVICE_REQUEST_STATUS);
const SHORT_SYSTEM_OF: Record<string, string> = { [FHIR.snomed]: 'snomed', [FHIR.icd10]: 'icd-10', [FHIR.rxnorm]: 'rxnorm', [FHIR.atc]: 'atc' };
const INTERPRETATION_FLAG: Record<string, string> = { L: 'low', H: 'high', LL: 'critical-low', HH: 'critical-high', AA: 'critical', A: 'abnormal', N: 'normal' };
const OBSERVATION_STATUSES = new Set(['preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error']);
const DATE = /^\d{4}-\d{2}-\d{2}/;

const codeOf = (concept: CodeableConcept | undefined, system: string): string | undefined =>
  concept?.coding?.find((c) => c.system === system)?.code;
const textOf = (concept: CodeableConcept | undefined): string | undefined =>
  concept?.text?.trim() || concept?.coding?.find((c) => c.display)?.display?.trim() || undefined;

/** Every `reference` string in a resource, with its path. */
function referencesIn(value: unknown, path: string, out: { path: string; reference: string }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => referencesIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push({ path: `${path}.reference`, reference: v });
      else if (k !== 'contained') referencesIn(v, `${path}.${k}`, out);
    }
  }
}

/**
 * Reads a bundle into the rows an import writes, and names every problem the workstation's own
 * rules find (the FHIR specification's checks are fhir-validation.ts): references that do not
 * resolve within the bundle, missing or unknown codes, values the chart cannot hold. Row ids are
 * new (`newId`); references become the new ids; practitioners are not matched to local users, so
 * performer, recorder and author are left empty.
 */
export function readBundle(input: unknown, options: { patientId: string; newId: () => string; now: string }): BundleReading {
  const problems: FhirProblem[] = [];
  const rows: ChartRows = { encounters: [], observations: [], problems: [], allergies: [], orders: [], carePlans: [], goals: [], activities: [], planProblems: [] };
  const skipped: Record<string, number> = {};
  const bundleProblem = (path: string, message: string) => problems.push({ index: -1, resourceType: 'Bundle', id: '', path, message });
  const bundle = input as Bundle;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    bundleProblem('Bundle', 'Not a FHIR Bundle (resourceType must be "Bundle")');
    return { problems, patient: null, rows, skipped };
  }
  if (!['collection', 'batch', 'transaction', 'document'].includes(bundle.type)) bundleProblem('Bundle.type', 'Bundle type must be collection, batch or transaction');
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];

  // Where each reference may point: fullUrl, Type/id, and the row id it will get.
  const target = new Map<string, { index: number; type: string }>();
  const newIds = entries.map(() => options.newId());
  entries.forEach((e, index) => {
    const r = e?.resource;
    if (!r || typeof r !== 'object') return;
    if (e.fullUrl) target.set(e.fullUrl, { index, type: r.resourceType });
    if (r.id) target.set(`${r.resourceType}/${r.id}`, { index, type: r.resourceType });
  });

  const patientIndexes = entries.flatMap((e, i) => (e?.resource?.resourceType === 'Patient' ? [i] : []));
  if (patientIndexes.length !== 1) bundleProblem('Bundle.entry', `A bundle must hold exactly one Patient (found ${patientIndexes.length})`);

  entries.forEach((entry, index) => {
    const resource = entry?.resource as Resource | undefined;
    const at = { index, resourceType: resource?.resourceType ?? '', id: resource?.id ?? '' };
    const problem = (path: string, message: string) => problems.push({ ...at, path, message });
    if (!resource || typeof resource !== 'object') {
      problem(`Bundle.entry[${index}]`, 'Entry has no resource');
      return;
    }
    if (!KNOWN_TYPES.has(resource.resourceType)) {
      skipped[resource.resourceType] = (skipped[resource.resourceType] ?? 0) + 1;
      return;
    }
    const contained = new Set(((resource as { contained?: Resource[] }).contained ?? []).map((c) => `#${c.id}`));
    const refs: { path: string; reference: string }[] = [];
    referencesIn(resource, resource.resourceType, refs);
    for (const ref of refs) {
      if (!contained.has(ref.reference) && !target.has(ref.reference)) problem(ref.path, `Reference ${ref.reference} does not resolve within the bundle`);
    }
    /** The new row id a reference points to, when it points to a resource of `type`. */
    const rowOf = (ref: Reference | undefined, type: string, path: string, required = false): string | null => {
      if (!ref?.reference) {
        if (required) problem(path, `${path} is required`);
        return null;
      }
      const t = target.get(ref.reference);
      if (!t) return null;
      if (t.type !== type) {
        problem(path, `${path} must refer to a ${type}, not a ${t.type}`);
        return null;
      }
      return newIds[t.index]!;
    };
    const subjectOk = (ref: Reference | undefined, path: string) => {
      const t = ref?.reference ? target.get(ref.reference) : undefined;
      if (!ref?.reference) problem(path, `${path} is required`);
      else if (t && t.type !== 'Patient') problem(path, `${path} must refer to the bundle's Patient`);
    };
    const stamps = { created_at: options.now, updated_at: options.now };
    const id = newIds[index]!;
    const patientId = options.patientId;

    switch (resource.resourceType) {
      case 'Patient':
        return;
      case 'Practitioner':
      case 'Organization':
      case 'DiagnosticReport':
        // Reports are rebuilt from the lab orders and their results; practitioners are not matched.
        skipped[resource.resourceType] = (skipped[resource.resourceType] ?? 0) + 1;
        return;
      case 'Encounter': {
        const e = resource as Encounter;
        subjectOk(e.subject, 'Encounter.subject');
        const status = ENCOUNTER_STATUS_OF[e.status] as EncountersTable['status'] | undefined;
        if (!status) problem('Encounter.status', `Encounter status ${e.status} cannot be stored (planned, in-progress, finished or cancelled)`);
        rows.encounters.push({
          id, patient_id: patientId, provider_id: null, appointment_id: null, location_id: null, status: status ?? 'finished',
          chief_complaint: e.reasonCode?.map(textOf).find(Boolean) ?? null, started_at: e.period?.start ?? null, ended_at: e.period?.end ?? null, ...stamps,
        });
        return;
      }
      case 'Observation': {
        const o = resource as Observation;
        subjectOk(o.subject, 'Observation.subject');
        const coding = o.code?.coding?.find((c) => c.system && c.code);
        if (!coding) problem('Observation.code.coding', 'Observation needs a coding with a system and a code (LOINC for vital signs)');
        if (!OBSERVATION_STATUSES.has(o.status)) problem('Observation.status', `Unknown observation status ${o.status}`);
        const observedAt = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued;
        if (!observedAt) problem('Observation.effective[x]', 'Observation needs the time it was made (effectiveDateTime)');
        const vital = o.category?.some((c) => codeOf(c, FHIR.observationCategory) === 'vital-signs');
        if (vital && coding && coding.system !== FHIR.loinc) problem('Observation.code.coding', 'A vital sign must be coded in LOINC (http://loinc.org)');
        const q = o.valueQuantity;
        if (q && typeof q.value !== 'number') problem('Observation.valueQuantity.value', 'A quantity needs a numeric value');
        if (vital && q?.code && q.system !== FHIR.ucum) problem('Observation.valueQuantity.system', 'Vital-sign units must be UCUM (http://unitsofmeasure.org)');
        const valueText = q && typeof q.value === 'number' ? numberTextOf(q, 'value')! : o.valueString ?? null;
        const flags = (o.interpretation ?? []).flatMap((c) => c.coding?.map((x) => INTERPRETATION_FLAG[x.code ?? '']).filter((f): f is string => !!f) ?? []);
        rows.observations.push({
          id, patient_id: patientId, encounter_id: rowOf(o.encounter, 'Encounter', 'Observation.encounter'), panel_id: null,
          code_system: coding?.system ?? '', code: coding?.code ?? '', display: coding?.display ?? o.code?.text ?? null,
          value_text: valueText, value_numeric: valueText !== null && Number.isFinite(Number(valueText)) ? Number(valueText) : null,
          unit: q?.code ?? q?.unit ?? null, observed_at: observedAt ?? options.now, status: (o.status as never) ?? 'final',
          source: 'import', device_id: null, performer_id: null,
          order_id: o.basedOn?.map((b, i) => rowOf(b, 'ServiceRequest', `Observation.basedOn[${i}]`)).find(Boolean) ?? null,
          reference_range: o.referenceRange?.[0]?.text ?? null, interpretation: flags.length > 0 ? JSON.stringify(flags) : null, ...stamps,
        });
        return;
      }
      case 'Condition': {
        const c = resource as Condition;
        subjectOk(c.subject, 'Condition.subject');
        const condition = textOf(c.code);
        if (!condition) problem('Condition.code', 'A condition needs its name (code.text or a coding display)');
        const verification = codeOf(c.verificationStatus, FHIR.conditionVerification);
        const clinical = codeOf(c.clinicalStatus, FHIR.conditionClinical);
        const status = verification === 'entered-in-error' ? 'entered-in-error' : clinical;
        if (status !== 'active' && status !== 'resolved' && status !== 'inactive' && status !== 'entered-in-error') {
          problem('Condition.clinicalStatus', `Condition clinical status must be active, resolved or inactive (got ${clinical ?? 'none'})`);
        }
        const coding = c.code?.coding?.find((x) => x.system && x.code);
        const codeSystem = coding?.system === FHIR.snomed ? 'snomed-ct' : coding?.system === FHIR.icd10 ? 'icd-10' : coding ? coding.system! : null;
        rows.problems.push({
          id, patient_id: patientId, encounter_id: rowOf(c.encounter, 'Encounter', 'Condition.encounter'), condition: condition ?? '',
          code_system: coding ? codeSystem : null, code: coding?.code ?? null, onset_date: c.onsetDateTime?.slice(0, 10) ?? null,
          status: (status as 'active') ?? 'active', resolved_date: c.abatementDateTime?.slice(0, 10) ?? null, notes: c.note?.map((n) => n.text).join('\n') || null,
          recorded_by: null, ...stamps,
        });
        return;
      }
      case 'AllergyIntolerance': {
        const a = resource as AllergyIntolerance;
        subjectOk(a.patient, 'AllergyIntolerance.patient');
        const allergen = textOf(a.code);
        if (!allergen) problem('AllergyIntolerance.code', 'An allergy needs the allergen (code.text or a coding display)');
        const verification = codeOf(a.verificationStatus, FHIR.allergyVerification);
        const clinical = codeOf(a.clinicalStatus, FHIR.allergyClinical);
        const status = verification === 'entered-in-error' ? 'entered-in-error' : clinical ?? 'active';
        if (status !== 'active' && status !== 'inactive' && status !== 'entered-in-error') problem('AllergyIntolerance.clinicalStatus', `Allergy status ${status} cannot be stored (active or inactive)`);
        const coding = a.code?.coding?.find((x) => x.system && x.code);
        const reaction = a.reaction?.[0];
        const reactionText = textOf(reaction?.manifestation?.[0]);
        rows.allergies.push({
          id, patient_id: patientId, allergen: allergen ?? '', category: a.category?.includes('medication') ? 'drug' : 'substance',
          code_system: coding ? (SHORT_SYSTEM_OF[coding.system!] ?? 'other') : null, code: coding?.code ?? null,
          reaction: reactionText && reactionText !== UNSPECIFIED_REACTION ? reactionText : null,
          severity: reaction?.severity ?? 'unknown', status: status as 'active', recorded_by: null, ...stamps,
        });
        return;
      }
      case 'MedicationRequest': {
        const m = resource as MedicationRequest;
        subjectOk(m.subject, 'MedicationRequest.subject');
        const status = MEDICATION_STATUS_OF[m.status];
        if (!status) problem('MedicationRequest.status', `Medication order status ${m.status} cannot be stored`);
        const drug = textOf(m.medicationCodeableConcept);
        if (!drug) problem('MedicationRequest.medicationCodeableConcept', 'A medication order needs the drug (medicationCodeableConcept.text)');
        const dosage = m.dosageInstruction?.[0];
        const doseQuantity = dosage?.doseAndRate?.[0]?.doseQuantity;
        const details = MedicationDetailsSchema.safeParse({
          dose: doseQuantity?.value, doseUnit: doseQuantity?.unit, route: dosage?.route?.text, frequency: dosage?.timing?.code?.text,
          durationDays: m.dispenseRequest?.expectedSupplyDuration?.value ?? null, quantity: m.dispenseRequest?.quantity?.value ?? null,
          refills: m.dispenseRequest?.numberOfRepeatsAllowed ?? 0, instructions: dosage?.patientInstruction ?? '',
        });
        if (!details.success) {
          for (const issue of details.error.issues) problem(`MedicationRequest.dosageInstruction[0] (${issue.path.join('.')})`, issue.message);
        }
        const coding = m.medicationCodeableConcept?.coding?.find((x) => x.system && x.code);
        rows.orders.push({
          id, patient_id: patientId, encounter_id: rowOf(m.encounter, 'Encounter', 'MedicationRequest.encounter'), kind: 'medication',
          code_system: coding?.system ?? FHIR.drugName, code: coding?.code ?? '', display: drug ?? '',
          details: details.success ? JSON.stringify(details.data) : '{}', status: (status as 'draft') ?? 'draft', sample_id: null,
          ordered_by: null, signed_by: null, signed_at: status && status !== 'draft' ? m.authoredOn ?? null : null,
          status_reason: m.statusReason?.text ?? null, ...stamps,
        });
        return;
      }
      case 'ServiceRequest': {
        const s = resource as ServiceRequest;
        subjectOk(s.subject, 'ServiceRequest.subject');
        const status = LAB_STATUS_OF[s.status];
        if (!status) problem('ServiceRequest.status', `Lab order status ${s.status} cannot be stored`);
        const coding = s.code?.coding?.find((x) => x.system === FHIR.loinc && x.code);
        if (!coding) problem('ServiceRequest.code', 'A lab order needs a LOINC code');
        const specimenText = (s.contained as { type?: CodeableConcept }[] | undefined)?.map((c) => c.type?.text).find(Boolean);
        const specimen = specimenText === undefined ? null : SpecimenSchema.safeParse(specimenText);
        if (specimen && !specimen.success) problem('ServiceRequest.specimen', specimen.error.issues[0]!.message);
        const priority = s.priority === undefined ? null : PrioritySchema.safeParse(s.priority);
        if (priority && !priority.success) problem('ServiceRequest.priority', priority.error.issues[0]!.message);
        rows.orders.push({
          id, patient_id: patientId, encounter_id: rowOf(s.encounter, 'Encounter', 'ServiceRequest.encounter'), kind: 'lab',
          code_system: FHIR.loinc, code: coding?.code ?? '', display: coding?.display ?? textOf(s.code) ?? coding?.code ?? '',
          status: (status as 'draft') ?? 'draft', sample_id: null, ordered_by: null, signed_by: null,
          signed_at: status && status !== 'draft' ? s.authoredOn ?? null : null,
          // The source clinic's accession numbers mean nothing to this clinic's analyzers.
          accession_number: null, priority: priority?.success ? priority.data : null, specimen: specimen?.success ? specimen.data : null,
          status_reason: status === 'cancelled' ? (s.note?.[0]?.text?.replace(/^Cancelled: /, '') ?? 'Imported as cancelled') : null, ...stamps,
        });
        return;
      }
      case 'Goal': {
        const g = resource as Goal;
        subjectOk(g.subject, 'Goal.subject');
        if (!textOf(g.description)) problem('Goal.description', 'A goal needs a description');
        return;
      }
      case 'CarePlan': {
        const p = resource as CarePlan;
        subjectOk(p.subject, 'CarePlan.subject');
        if (!['draft', 'active', 'completed', 'revoked'].includes(p.status)) problem('CarePlan.status', `Care plan status ${p.status} cannot be stored`);
        if (!p.title?.trim()) problem('CarePlan.title', 'A care plan needs a title');
        rows.carePlans.push({
          id, patient_id: patientId, encounter_id: rowOf(p.encounter, 'Encounter', 'CarePlan.encounter'), title: p.title?.trim() ?? '',
          description: p.description ?? null, status: p.status as 'draft', period_start: p.period?.start ?? null, period_end: p.period?.end ?? null,
          author_id: null, ...stamps,
        });
        (p.goal ?? []).forEach((ref, position) => {
          const t = ref.reference ? target.get(ref.reference) : undefined;
          const goal = t && t.type === 'Goal' ? (entries[t.index]!.resource as Goal) : undefined;
          if (!goal) return;
          const lifecycle = goal.lifecycleStatus;
          const achievement = codeOf(goal.achievementStatus, 'http://terminology.hl7.org/CodeSystem/goal-achievement');
          const status = lifecycle === 'completed' ? (achievement === 'not-achieved' ? 'not-achieved' : 'achieved')
            : lifecycle === 'proposed' || lifecycle === 'cancelled' ? lifecycle : 'active';
          rows.goals.push({
            id: newIds[t!.index]!, care_plan_id: id, position, description: textOf(goal.description) ?? '', target: goal.target?.[0]?.detailString ?? null,
            status, ...stamps,
          });
        });
        (p.activity ?? []).forEach((a, position) => {
          const d = a.detail;
          if (!d?.description) {
            problem(`CarePlan.activity[${position}].detail.description`, 'An activity needs a description');
            return;
          }
          if (!['not-started', 'in-progress', 'completed', 'cancelled'].includes(d.status)) {
            problem(`CarePlan.activity[${position}].detail.status`, `Activity status ${d.status} cannot be stored`);
          }
          const due = d.scheduledPeriod?.end ?? d.scheduledString ?? null;
          if (due !== null && !DATE.test(due)) problem(`CarePlan.activity[${position}].detail.scheduled[x]`, 'A due date must be a date');
          rows.activities.push({
            id: options.newId(), care_plan_id: id, position, description: d.description, due_date: due?.slice(0, 10) ?? null, owner_id: null,
            status: d.status as 'not-started', completed_at: d.status === 'completed' ? options.now : null, ...stamps,
          });
        });
        (p.addresses ?? []).forEach((ref, i) => {
          const problemId = rowOf(ref, 'Condition', `CarePlan.addresses[${i}]`);
          if (problemId) rows.planProblems.push({ id: options.newId(), care_plan_id: id, problem_id: problemId, ...stamps });
        });
        return;
      }
    }
  });

  const patient = patientIndexes.length === 1 ? readPatient(entries[patientIndexes[0]!]!.resource as Patient, patientIndexes[0]!, problems) : null;
  return { problems, patient, rows, skipped };
}

function readPatient(p: Patient, index: number, problems: FhirProblem[]): ImportedPatient | null {
  const problem = (path: string, message: string) => problems.push({ index, resourceType: 'Patient', id: p.id ?? '', path, message });
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const [givenName, middleName] = name?.given ?? [];
  if (!name?.family?.trim() || !givenName?.trim()) problem('Patient.name', 'The patient needs a family and a given name');
  if (!p.birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate)) problem('Patient.birthDate', 'The patient needs a full date of birth (YYYY-MM-DD)');
  if (!p.gender) problem('Patient.gender', 'The patient needs a gender (female, male, other or unknown)');
  const identifier = (system: string) => p.identifier?.find((i) => i.system === system)?.value?.trim() || null;
  const address = p.address?.[0];
  const telecom = (system: string) => p.telecom?.find((t) => t.system === system)?.value ?? null;
  if (!name?.family || !givenName || !p.birthDate || !p.gender) return null;
  const national = identifier(FHIR.nationalId);
  const insurance = identifier(FHIR.insurance);
  return {
    mrn: identifier(FHIR.mrn),
    identifiers: [...(national ? [{ system: 'national_id' as const, value: national }] : []), ...(insurance ? [{ system: 'insurance' as const, value: insurance }] : [])],
    givenName: givenName.trim(), middleName: middleName?.trim() || null, familyName: name.family.trim(), dateOfBirth: p.birthDate, sex: p.gender,
    phone: telecom('phone'), email: telecom('email'), addressLine: address?.line?.[0] ?? null, city: address?.city ?? null, region: address?.state ?? null,
    postalCode: address?.postalCode ?? null, country: address?.country ?? null,
  };
}

