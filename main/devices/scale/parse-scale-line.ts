import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { toUcum, VITAL_SIGNS } from '../../../common/domain/observation-codes';
import type { DecodedMessage, DecoderOptions } from '../driver';
import { CR, LF, type ScaleHeader, type ScaleMode } from './scale-line-format';

export const SCALE_MESSAGE_TYPE = 'scale-reading';

export interface ScaleLineDetail {
  header: ScaleHeader;
  stability: 'stable' | 'unstable' | 'overload';
  mode: ScaleMode;
  /** The value field exactly as sent, padding included. */
  valueAsSent: string;
  unit: string;
  line: string;
}

/** A line that is not a scale reading; the decoder reports it as a 'syntax' rejection. */
export class ScaleLineSyntaxError extends Error {
  override readonly name = 'ScaleLineSyntaxError';
}

const LINE = /^(ST|US|OL),(GS|NT),(.*)$/;
const NUMBER = String.raw` *([+-]?) *(\d+(?:\.\d*)?|\.\d+)`;
const UNIT = '([A-Za-z%]{1,4})';
const MEASURED = new RegExp(`^${NUMBER} *${UNIT}$`);
const NUMERIC = new RegExp(`^${NUMBER} *$`);
const OVERLOAD = new RegExp(`^(.*?) *${UNIT}?$`);
const MASS_UCUM = new Set(['kg', 'g', '[lb_av]']);

/** One line's bytes (terminator optional) -> a weight reading. Throws ScaleLineSyntaxError. */
export function parseScaleLine(raw: Uint8Array, _options?: DecoderOptions): DecodedMessage {
  const line = lineText(raw);
  const [, header, mode, body] = LINE.exec(line) ?? [];
  if (!header || !mode || body === undefined) throw new ScaleLineSyntaxError(`not a scale line: ${JSON.stringify(line)}`);
  const { value, valueAsSent, unit } = header === 'OL' ? overloadBody(body) : measuredBody(body, line);
  const detail: ScaleLineDetail = {
    header: header as ScaleHeader,
    stability: header === 'ST' ? 'stable' : header === 'US' ? 'unstable' : 'overload',
    mode: mode as ScaleMode,
    valueAsSent,
    unit,
    line,
  };
  return {
    protocol: 'scale',
    type: SCALE_MESSAGE_TYPE,
    messageId: null,
    patientId: null,
    sampleId: null,
    readings: [weightReading(detail, value)],
    detail,
  };
}

function lineText(raw: Uint8Array): string {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === CR || raw[end - 1] === LF)) end -= 1;
  let text = '';
  for (let i = 0; i < end; i += 1) {
    const b = raw[i] ?? 0;
    if (b < 0x20 || b > 0x7e) throw new ScaleLineSyntaxError(`byte 0x${b.toString(16).padStart(2, '0')} at ${i} is not printable ASCII`);
    text += String.fromCharCode(b);
  }
  return text;
}

function measuredBody(body: string, line: string): { value: string; valueAsSent: string; unit: string } {
  const m = MEASURED.exec(body);
  if (!m) throw new ScaleLineSyntaxError(`no signed value and unit in ${JSON.stringify(line)}`);
  const [, sign = '', digits = '', unit = ''] = m;
  return { value: normaliseValue(sign, digits), valueAsSent: body.slice(0, body.length - unit.length).trimEnd(), unit };
}

/** Overload lines carry whatever the scale shows (often 9s or "E"): kept only when numeric. */
function overloadBody(body: string): { value: string; valueAsSent: string; unit: string } {
  const [, field = '', unit = ''] = OVERLOAD.exec(body) ?? [];
  const numeric = NUMERIC.exec(field);
  return { value: numeric ? normaliseValue(numeric[1] ?? '', numeric[2] ?? '') : '', valueAsSent: field, unit };
}

/** "+  4.876" -> "4.876", "-0.50" stays "-0.50", "0004.80" -> "4.80": padding goes, precision stays. */
export function normaliseValue(sign: string, digits: string): string {
  let d = digits.endsWith('.') ? digits.slice(0, -1) : digits;
  if (d.startsWith('.')) d = `0${d}`;
  d = d.replace(/^0+(?=\d)/, '');
  return sign === '-' ? `-${d}` : d;
}

function weightReading(detail: ScaleLineDetail, value: string): DecodedReading {
  const ucum = toUcum(detail.unit);
  const isMass = ucum !== null && MASS_UCUM.has(ucum);
  const flags: ReadingFlag[] = detail.header === 'US' ? ['unstable'] : detail.header === 'OL' ? ['overload'] : [];
  return {
    protocol: 'scale',
    code: 'weight',
    codeSystem: null,
    display: `${isMass ? VITAL_SIGNS.bodyWeight.display : 'Weight'} (${detail.mode === 'GS' ? 'gross' : 'net'})`,
    loinc: isMass ? VITAL_SIGNS.bodyWeight.loinc : null,
    ucum,
    value,
    unit: detail.unit,
    flags,
    referenceRange: null,
    comments: [],
    patientId: null,
    sampleId: null,
    messageId: null,
    observedAt: null,
  };
}
