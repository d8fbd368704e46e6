/**
 * IEEE 11073-20601 SFLOAT (16-bit) and FLOAT (32-bit): value = mantissa × 10^exponent, both
 * signed (two's complement). Values are rendered as decimal strings at the precision the device
 * sent (0xF014 is "2.0", not "2"), because the chart keeps measured precision.
 *
 * Special values are tested on the raw word (their exponent is 0), before any arithmetic.
 */
export type Ieee11073Special = 'NaN' | 'NRes' | '+INF' | '-INF' | 'reserved';

export type Ieee11073Number =
  | { kind: 'number'; value: string; mantissa: number; exponent: number }
  | { kind: 'special'; special: Ieee11073Special };

export const SFLOAT_SPECIALS: Readonly<Record<Ieee11073Special, number>> = {
  NaN: 0x07ff, NRes: 0x0800, '+INF': 0x07fe, '-INF': 0x0802, reserved: 0x0801,
};

export const FLOAT_SPECIALS: Readonly<Record<Ieee11073Special, number>> = {
  NaN: 0x007fffff, NRes: 0x00800000, '+INF': 0x007ffffe, '-INF': 0x00800002, reserved: 0x00800001,
};

const SFLOAT_BY_WORD = invert(SFLOAT_SPECIALS);
const FLOAT_BY_WORD = invert(FLOAT_SPECIALS);

/** Decodes a 16-bit SFLOAT word. */
export function decodeSfloat(word: number): Ieee11073Number {
  const w = word & 0xffff;
  const special = SFLOAT_BY_WORD.get(w);
  if (special) return { kind: 'special', special };
  return number(signed(w & 0x0fff, 12), signed(w >>> 12, 4));
}

/** Decodes a 32-bit FLOAT word. */
export function decodeFloat(word: number): Ieee11073Number {
  const w = word >>> 0;
  const special = FLOAT_BY_WORD.get(w);
  if (special) return { kind: 'special', special };
  return number(signed(w & 0x00ffffff, 24), signed(w >>> 24, 8));
}

/** The SFLOAT word for a decimal string ("72.5", "-1234", "2.00") or a special. Throws RangeError when it does not fit. */
export function encodeSfloat(value: string | Ieee11073Special): number {
  if (isSpecial(value)) return SFLOAT_SPECIALS[value];
  const { mantissa, exponent } = toMantissaExponent(value, SFLOAT_RANGE);
  return (((exponent & 0x0f) << 12) | (mantissa & 0x0fff)) >>> 0;
}

/** The FLOAT word for a decimal string or a special. Throws RangeError when it does not fit. */
export function encodeFloat(value: string | Ieee11073Special): number {
  if (isSpecial(value)) return FLOAT_SPECIALS[value];
  const { mantissa, exponent } = toMantissaExponent(value, FLOAT_RANGE);
  return (((exponent & 0xff) << 24) | (mantissa & 0x00ffffff)) >>> 0;
}

/** "m × 10^e" as a decimal string: exponent < 0 gives that many decimals, exponent > 0 trailing zeros. */
export function renderDecimal(mantissa: number, exponent: number): string {
  const sign = mantissa < 0 ? '-' : '';
  const digits = String(Math.abs(mantissa));
  if (exponent >= 0) return mantissa === 0 ? '0' : `${sign}${digits}${'0'.repeat(exponent)}`;
  const decimals = -exponent;
  const padded = digits.padStart(decimals + 1, '0');
  return `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

function number(mantissa: number, exponent: number): Ieee11073Number {
  return { kind: 'number', value: renderDecimal(mantissa, exponent), mantissa, exponent };
}

function signed(value: number, bits: number): number {
  const half = 2 ** (bits - 1);
  return value >= half ? value - 2 * half : value;
}

function isSpecial(value: string): value is Ieee11073Special {
  return Object.hasOwn(SFLOAT_SPECIALS, value);
}

interface EncodingRange {
  mantissaBits: number;
  minExponent: number;
  maxExponent: number;
}

const SFLOAT_RANGE: EncodingRange = { mantissaBits: 12, minExponent: -8, maxExponent: 7 };
const FLOAT_RANGE: EncodingRange = { mantissaBits: 24, minExponent: -128, maxExponent: 127 };

/** Whether m × 10^e has a word that is not a special (the specials use the top and bottom three mantissas at exponent 0). */
function fits(mantissa: number, exponent: number, range: EncodingRange): boolean {
  const half = 2 ** (range.mantissaBits - 1);
  const [min, max] = exponent === 0 ? [-half + 3, half - 3] : [-half, half - 1];
  return mantissa >= min && mantissa <= max && exponent >= range.minExponent && exponent <= range.maxExponent;
}

/**
 * Mantissa and exponent that keep the decimal's precision: "2.00" -> 200 × 10^-2. Trailing
 * integer zeros go into the exponent only when the mantissa would not fit ("20000" -> 2000 × 10^1).
 */
function toMantissaExponent(value: string, range: EncodingRange): { mantissa: number; exponent: number } {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  const [, sign = '', whole = '', fraction = ''] = m;
  const negative = sign === '-';
  let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  let exponent = -fraction.length;
  const mantissaOf = (d: string): number => (negative ? -Number(d) : Number(d)) || 0;
  while (!fits(mantissaOf(digits), exponent, range) && digits.length > 1 && digits.endsWith('0') && exponent < range.maxExponent) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  const mantissa = mantissaOf(digits);
  if (!fits(mantissa, exponent, range)) {
    throw new RangeError(`${value} does not fit: mantissa ${mantissa}, exponent ${exponent}`);
  }
  return { mantissa, exponent };
}

function invert(specials: Readonly<Record<Ieee11073Special, number>>): ReadonlyMap<number, Ieee11073Special> {
  return new Map(Object.entries(specials).map(([name, word]) => [word, name as Ieee11073Special]));
}
