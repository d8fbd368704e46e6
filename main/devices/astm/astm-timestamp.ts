/**
 * E1394 date-time `YYYYMMDD[HHMM[SS]]`, optionally followed by a `±hhmm` offset, to ISO-8601:
 * local wall time without offset unless the analyzer sent one. null when it is not a date-time.
 */
export function astmTimestampToIso(text: string): string | null {
  // Every result of a message usually carries the same time: remember the last one.
  if (text === last.text) return last.iso;
  const iso = convert(text);
  last = { text, iso };
  return iso;
}

let last: { text: string; iso: string | null } = { text: '', iso: null };

function convert(text: string): string | null {
  // What analyzers send nearly always: YYYYMMDDHHMMSS, read without the regular expression.
  if (text.length === 14 && allDigits(text)) {
    const mo = text.slice(4, 6);
    const d = text.slice(6, 8);
    const h = text.slice(8, 10);
    const mi = text.slice(10, 12);
    const s = text.slice(12, 14);
    if (!inRange(mo, 1, 12) || !inRange(d, 1, 31) || !inRange(h, 0, 23) || !inRange(mi, 0, 59) || !inRange(s, 0, 59)) return null;
    return `${text.slice(0, 4)}-${mo}-${d}T${h}:${mi}:${s}`;
  }
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:([+-])(\d{2})(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  if (!inRange(mo, 1, 12) || !inRange(d, 1, 31) || (h !== undefined && (!inRange(h, 0, 23) || !inRange(mi, 0, 59)))) return null;
  if (s !== undefined && !inRange(s, 0, 59)) return null;
  let iso = `${y}-${mo}-${d}`;
  if (h !== undefined) iso += `T${h}:${mi}:${s ?? '00'}`;
  if (sign !== undefined && h !== undefined) iso += `${sign}${oh}:${om}`;
  return iso;
}

function inRange(v: string | undefined, min: number, max: number): boolean {
  const n = v === undefined ? NaN : parseInt(v, 10);
  return n >= min && n <= max;
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
