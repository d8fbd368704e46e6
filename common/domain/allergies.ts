import { z } from 'zod';
import { InstantSchema, UuidSchema } from './ids';
import { optionalSingleLineText, singleLineText } from './text';

export const ALLERGY_CATEGORIES = ['drug', 'substance'] as const;
export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'unknown'] as const;
export const ALLERGY_STATUSES = ['active', 'inactive', 'entered-in-error'] as const;

export const AllergyCategorySchema = z.enum(ALLERGY_CATEGORIES, { error: 'Category must be drug or substance' });
export const AllergySeveritySchema = z.enum(ALLERGY_SEVERITIES, { error: 'Severity must be mild, moderate, severe or unknown' });
export const AllergyStatusSchema = z.enum(ALLERGY_STATUSES, { error: 'Status must be active, inactive or entered-in-error' });

export const AllergenSchema = singleLineText('Allergen', 120);
/** An optional code for the allergen (RxNorm, SNOMED CT, ATC...), "" for none. */
export const AllergenCodeSchema = optionalSingleLineText('Allergen code', 40).refine((s) => /^([A-Za-z0-9][A-Za-z0-9.\-_]*)?$/.test(s), {
  error: 'Allergen code must start with a letter or digit and contain only letters, digits, dots, dashes and underscores',
});
export const AllergenCodeSystemSchema = z.enum(['rxnorm', 'snomed', 'atc', 'other'], { error: 'Code system must be rxnorm, snomed, atc or other' });
export const ReactionSchema = optionalSingleLineText('Reaction', 200);

export const AllergySchema = z.object({
  id: UuidSchema,
  patientId: UuidSchema,
  allergen: z.string(),
  category: AllergyCategorySchema,
  codeSystem: z.string().nullable(),
  code: z.string().nullable(),
  reaction: z.string().nullable(),
  severity: AllergySeveritySchema,
  status: AllergyStatusSchema,
  recordedBy: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type Allergy = z.infer<typeof AllergySchema>;

export const AllergyWarningSchema = z.object({
  allergyId: UuidSchema,
  allergen: z.string(),
  reaction: z.string().nullable(),
  severity: AllergySeveritySchema,
  /** How the drug matched: its code, its name, or a drug class both belong to. */
  match: z.enum(['code', 'name', 'class']),
  drugClass: z.string().nullable(),
  message: z.string(),
});
export type AllergyWarning = z.infer<typeof AllergyWarningSchema>;

/**
 * Drug classes whose members cross-react often enough that an allergy to one (or to the class)
 * warrants a warning for the others. Deliberately short and conservative; a warning, never a block.
 */
export const DRUG_CLASSES: Readonly<Record<string, readonly string[]>> = {
  penicillin: [
    'penicillin', 'penicillins', 'amoxicillin', 'ampicillin', 'benzylpenicillin', 'phenoxymethylpenicillin', 'flucloxacillin',
    'dicloxacillin', 'cloxacillin', 'oxacillin', 'nafcillin', 'piperacillin', 'ticarcillin', 'co-amoxiclav', 'augmentin',
  ],
  cephalosporin: ['cephalosporin', 'cephalosporins', 'cefalexin', 'cephalexin', 'cefazolin', 'cefuroxime', 'ceftriaxone', 'cefotaxime', 'ceftazidime', 'cefixime', 'cefepime'],
  sulfonamide: ['sulfonamide', 'sulfonamides', 'sulfa', 'sulfamethoxazole', 'sulfadiazine', 'sulfasalazine', 'co-trimoxazole', 'cotrimoxazole', 'bactrim'],
  macrolide: ['macrolide', 'macrolides', 'erythromycin', 'azithromycin', 'clarithromycin'],
  nsaid: ['nsaid', 'nsaids', 'ibuprofen', 'naproxen', 'diclofenac', 'ketorolac', 'indometacin', 'indomethacin', 'aspirin', 'acetylsalicylic acid', 'celecoxib', 'meloxicam'],
  opioid: ['opioid', 'opioids', 'opiate', 'opiates', 'morphine', 'codeine', 'oxycodone', 'hydromorphone', 'hydrocodone', 'tramadol', 'fentanyl', 'pethidine'],
  'ace inhibitor': ['ace inhibitor', 'ace inhibitors', 'lisinopril', 'enalapril', 'ramipril', 'captopril', 'perindopril'],
  tetracycline: ['tetracycline', 'tetracyclines', 'doxycycline', 'minocycline'],
  fluoroquinolone: ['fluoroquinolone', 'fluoroquinolones', 'quinolone', 'quinolones', 'ciprofloxacin', 'levofloxacin', 'moxifloxacin', 'ofloxacin'],
};

/** Lower case, no diacritics, words of letters and digits separated by single spaces. */
export function foldDrugName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `phrase` occurs in `text` as whole words (both folded). */
function containsWords(text: string, phrase: string): boolean {
  return phrase !== '' && ` ${text} `.includes(` ${phrase} `);
}

/** The classes a folded drug or allergen name belongs to (by a class name or a member word in it). */
export function drugClassesOf(folded: string): string[] {
  const classes: string[] = [];
  for (const [name, members] of Object.entries(DRUG_CLASSES)) {
    const words = [name, ...members].map(foldDrugName);
    if (words.some((w) => containsWords(folded, w))) classes.push(name);
  }
  return classes;
}

export interface DrugToCheck {
  name: string;
  /** "" or absent when uncoded. */
  code?: string | undefined;
}

type AllergyLike = Pick<Allergy, 'id' | 'allergen' | 'code' | 'reaction' | 'severity' | 'status'>;

/**
 * The active allergies a medication may trigger. The rule, in order:
 *  1. code: the drug's code equals the allergen's code (case-insensitive);
 *  2. name: the folded allergen (no case, no diacritics, punctuation as spaces) occurs as whole
 *     words in the folded drug name, or the drug name in the allergen ("Amoxicillin 500 mg caps"
 *     matches "amoxicillin");
 *  3. class: both belong to one of DRUG_CLASSES, by the class name or a member ("penicillin"
 *     allergy and amoxicillin; an amoxicillin allergy and ampicillin).
 * Inactive and entered-in-error allergies never warn.
 */
export function allergyWarningsFor(drug: DrugToCheck, allergies: readonly AllergyLike[]): AllergyWarning[] {
  const drugName = foldDrugName(drug.name);
  const drugCode = (drug.code ?? '').trim().toLowerCase();
  const drugClasses = drugClassesOf(drugName);
  const warnings: AllergyWarning[] = [];
  for (const allergy of allergies) {
    if (allergy.status !== 'active') continue;
    const allergen = foldDrugName(allergy.allergen);
    const base = { allergyId: allergy.id, allergen: allergy.allergen, reaction: allergy.reaction, severity: allergy.severity };
    const reaction = allergy.reaction ? ` (${allergy.reaction})` : '';
    if (drugCode !== '' && allergy.code && allergy.code.trim().toLowerCase() === drugCode) {
      warnings.push({ ...base, match: 'code', drugClass: null, message: `Recorded allergy to ${allergy.allergen}${reaction}: same code as ${drug.name}` });
    } else if (drugName !== '' && (containsWords(drugName, allergen) || containsWords(allergen, drugName))) {
      warnings.push({ ...base, match: 'name', drugClass: null, message: `Recorded allergy to ${allergy.allergen}${reaction}` });
    } else {
      const shared = drugClassesOf(allergen).find((c) => drugClasses.includes(c));
      if (shared) {
        warnings.push({
          ...base, match: 'class', drugClass: shared,
          message: `Recorded allergy to ${allergy.allergen}${reaction}; ${drug.name} is in the same class (${shared})`,
        });
      }
    }
  }
  return warnings;
}
