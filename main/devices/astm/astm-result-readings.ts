import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { mapToLoinc, toUcum } from '../../../common/domain/observation-codes';
import type { DecoderOptions } from '../driver';
import { abnormalFlag, isNumericResult, statusFlag } from './astm-result-flags';
import { type AstmDelimiters, type AstmRecord, astmComponents, astmField, astmRepeats, unescapeAstm } from './astm-record-parser';
import { astmTimestampToIso } from './astm-timestamp';

/** Who and what a result belongs to: the H, P and O records before it. */
export interface AstmResultContext {
  messageId: string | null;
  headerTime: string | null;
  patientId: string | null;
  sampleId: string | null;
}

/** The test code of R-3 `^^^CODE[^more]`: the 4th component and any after it, joined by `^`. */
export function astmTestCode(field: string, d: AstmDelimiters): string {
  const first = astmRepeats(firstRepeat(field, d), d)[0] ?? [];
  const tail = first.slice(3);
  while (tail.length > 0 && tail[tail.length - 1] === '') tail.pop();
  if (tail.length > 0) return tail.join('^');
  return first.find((c) => c !== '') ?? '';
}

/** The first component of a field's first repeat, unescaped and trimmed; null when empty. */
export function firstComponent(field: string, d: AstmDelimiters): string | null {
  const repeat = firstRepeat(field, d);
  const end = repeat.indexOf(d.component);
  const value = unescapeAstm(end < 0 ? repeat : repeat.slice(0, end), d).trim();
  return value === '' ? null : value;
}

/** The first repeat of a field, as sent; found in place rather than by splitting every repeat. */
function firstRepeat(field: string, d: AstmDelimiters): string {
  const end = field.indexOf(d.repeat);
  return end < 0 ? field : field.slice(0, end);
}

/** One R record as a reading (comments are added by the caller as C records follow). */
export function astmResultReading(
  record: AstmRecord,
  d: AstmDelimiters,
  context: AstmResultContext,
  options: DecoderOptions,
): DecodedReading {
  const code = astmTestCode(astmField(record, 3), d);
  const mapped = mapToLoinc(code, null, options.codeMap)
    ?? (code.includes('^') ? mapToLoinc(code.slice(0, code.indexOf('^')), null, options.codeMap) : null);
  const value = unescapeAstm(astmField(record, 4), d);
  const unit = unescapeAstm(astmField(record, 5), d);
  const range = unescapeAstm(astmField(record, 6), d);
  const numericTest = unit.trim() !== '' || (mapped?.ucum ?? null) !== null;
  return {
    protocol: 'astm',
    code,
    codeSystem: null,
    display: mapped?.display ?? null,
    loinc: mapped?.loinc ?? null,
    ucum: toUcum(unit),
    value,
    unit,
    flags: resultFlags(record, d, numericTest && !isNumericResult(value)),
    referenceRange: range === '' ? null : range,
    comments: [],
    patientId: context.patientId,
    sampleId: context.sampleId,
    messageId: context.messageId,
    observedAt: astmTimestampToIso(unescapeAstm(astmField(record, 13), d)) ?? context.headerTime,
  };
}

function resultFlags(record: AstmRecord, d: AstmDelimiters, notANumber: boolean): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  const abnormal = astmField(record, 7);
  if (abnormal !== '') {
    for (const repeat of abnormal.split(d.repeat)) addFlag(flags, abnormalFlag(unescapeAstm(repeat, d)));
  }
  addFlag(flags, statusFlag(unescapeAstm(astmField(record, 9), d)));
  if (notANumber) addFlag(flags, 'invalid');
  return flags;
}

function addFlag(flags: ReadingFlag[], flag: ReadingFlag | null): void {
  if (flag && !flags.includes(flag)) flags.push(flag);
}

/** C-4 comment text: its non-empty components joined by a space. */
export function astmCommentText(record: AstmRecord, d: AstmDelimiters): string {
  return astmComponents(astmField(record, 4), d).map((c) => c.trim()).filter((c) => c !== '').join(' ');
}
