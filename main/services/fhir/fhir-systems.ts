/** Code systems, identifier systems and profiles the FHIR export writes and the import reads. */
export const FHIR = {
  mrn: 'urn:aipc:mrn',
  nationalId: 'urn:aipc:national-id',
  insurance: 'urn:aipc:insurance',
  otherIdentifier: 'urn:aipc:patient-identifier',
  accession: 'urn:aipc:accession',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://www.whocc.no/atc',
  drugName: 'urn:aipc:drug-name',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  vitalSignsProfile: 'http://hl7.org/fhir/StructureDefinition/vitalsigns',
} as const;

/** Our short code-system names (problems, allergies) and the FHIR system URIs they stand for. */
export const CODE_SYSTEM_URIS: Readonly<Record<string, string>> = {
  'snomed-ct': FHIR.snomed,
  snomed: FHIR.snomed,
  'icd-10': FHIR.icd10,
  rxnorm: FHIR.rxnorm,
  atc: FHIR.atc,
};

export function systemUri(codeSystem: string): string {
  if (codeSystem.includes(':')) return codeSystem;
  return CODE_SYSTEM_URIS[codeSystem] ?? `urn:aipc:code-system:${codeSystem}`;
}

/** A bundle entry's address: the row id as a UUID URN, so references survive any server. */
export function urnOf(id: string): string {
  return `urn:uuid:${id}`;
}
