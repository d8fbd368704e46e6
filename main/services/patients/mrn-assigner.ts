import { DEFAULT_MRN_PATTERN, formatMrn, mrnFrame, parseMrnPattern, sequenceOf } from '../../../common/domain/mrn-pattern';
import { AppError } from '../../../common/rpc/errors';
import type { PatientRepository } from '../../../db/repositories/patient-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';

export const MRN_PATTERN_SETTING = 'patients.mrn_pattern';

export async function currentMrnPattern(settings: SettingsRepository): Promise<string> {
  return (await settings.get(MRN_PATTERN_SETTING)) ?? DEFAULT_MRN_PATTERN;
}

/**
 * The next MRN: one past the highest MRN of the pattern's shape already in the table (merged and
 * inactive records included, so a number is never given twice). Deriving it from the unique
 * index, inside the registration's transaction, needs no counter that could drift from the data
 * (imports, demo data, records arriving by sync); a clash with a row committed meanwhile fails
 * the UNIQUE constraint and the registration retries. `mrn` is null when the sequence is full.
 */
export async function peekNextMrn(repo: PatientRepository, settings: SettingsRepository, year: number): Promise<{ pattern: string; mrn: string | null }> {
  const pattern = await currentMrnPattern(settings);
  const parsed = parseMrnPattern(pattern);
  if (!parsed.ok) throw new Error(`Stored MRN pattern is invalid: ${parsed.message}`);
  const frame = mrnFrame(parsed.parts, year);
  const highest = await repo.highestMrn(frame);
  const seq = (highest ? (sequenceOf(frame, highest) ?? 0) : 0) + 1;
  return { pattern, mrn: formatMrn(frame, seq) };
}

export async function nextMrn(repo: PatientRepository, settings: SettingsRepository, year: number): Promise<string> {
  const { pattern, mrn } = await peekNextMrn(repo, settings, year);
  if (!mrn) {
    throw new AppError('CONFLICT', `The MRN pattern ${pattern} has no numbers left; an administrator must give the sequence more digits`);
  }
  return mrn;
}

export function isMrnClash(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && /patients\.mrn/.test(e.message ?? '');
}
