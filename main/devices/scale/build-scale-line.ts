import type { ScaleHeader, ScaleMode } from './scale-line-format';

export interface ScaleLineValues {
  header: ScaleHeader;
  mode?: ScaleMode;
  /** Decimal string at the scale's precision, e.g. "72.35" or "-0.50". */
  value: string;
  unit?: string;
  terminator?: '\r\n' | '\r' | '\n';
}

/** One line as the scale sends it: `ST,GS,+ 72.35kg\r\n` (sign, value right-aligned in 7). */
export function buildScaleLine(values: ScaleLineValues): Uint8Array {
  const negative = values.value.startsWith('-');
  const magnitude = negative || values.value.startsWith('+') ? values.value.slice(1) : values.value;
  const text = `${values.header},${values.mode ?? 'GS'},${negative ? '-' : '+'}${magnitude.padStart(7, ' ')}`
    + `${values.unit ?? 'kg'}${values.terminator ?? '\r\n'}`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
