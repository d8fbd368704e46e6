import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { mapToLoinc, toUcum } from '../../../common/domain/observation-codes';
import type { DecoderOptions } from '../driver';
import { abnormalFlag, isNumericResult, statusFlag } from './astm-result-flags';
import type { AstmFieldSource } from './astm-record-fields';
import { type AstmDelimiters, astmComponents, unescapeAstm } from './astm-record-parser';
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
  const repeat = firstRepeat(field, d);
  if (d.component === '^' && repeat.indexOf(d.escape) < 0) {
    // The usual case, read in place: the text after the third `^`, trailing empty components dropped.
    let at = -1;
    for (let k = 0; k < 3; k++) {
      at = repeat.indexOf('^', at + 1);
      if (at < 0) break;
    }
    if (at >= 0) {
      let stop = repeat.length;
      while (stop > at + 1 && repeat.charCodeAt(stop - 1) === 0x5e) stop--;
      if (stop > at + 1) return repeat.slice(at + 1, stop);
    }
  }
  // The first repeat holds no repeat delimiter, so its only repeat is itself.
  const first = astmComponents(repeat, d);
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
  record: AstmFieldSource,
  d: AstmDelimiters,
  context: AstmResultContext,
  options: DecoderOptions,
): DecodedReading {
  const code = astmTestCode(record.field(3), d);
  const mapped = mapToLoinc(code, null, options.codeMap)
    ?? (code.includes('^') ? mapToLoinc(code.slice(0, code.indexOf('^')), null, options.codeMap) : null);
  const value = unescapeAstm(record.field(4), d);
  const unit = unescapeAstm(record.field(5), d);
  const range = unescapeAstm(record.field(6), d);
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
    observedAt: astmTimestampToIso(unescapeAstm(record.field(13), d)) ?? context.headerTime,
  };
}

function resultFlags(record: AstmFieldSource, d: AstmDelimiters, notANumber: boolean): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  const abnormal = record.field(7);
  if (abnormal !== '') {
    if (abnormal.indexOf(d.repeat) < 0) addFlag(flags, abnormalFlag(unescapeAstm(abnormal, d)));
    else for (const repeat of abnormal.split(d.repeat)) addFlag(flags, abnormalFlag(unescapeAstm(repeat, d)));
  }
  addFlag(flags, statusFlag(unescapeAstm(record.field(9), d)));
  if (notANumber) addFlag(flags, 'invalid');
  return flags;
}

function addFlag(flags: ReadingFlag[], flag: ReadingFlag | null): void {
  if (flag && !flags.includes(flag)) flags.push(flag);
}

/** C-4 comment text: its non-empty components joined by a space. */
export function astmCommentText(record: AstmFieldSource, d: AstmDelimiters): string {
  return astmComponents(record.field(4), d).map((c) => c.trim()).filter((c) => c !== '').join(' ');
}
