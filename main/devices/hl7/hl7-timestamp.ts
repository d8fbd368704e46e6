const HL7_TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,4})?([+-]\d{4})?$/;

/**
 * HL7 TS/DTM `YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]` -> ISO 8601. With the offset when one was
 * sent, local wall time without. Precision below the day is completed with zeros (HHMM -> HH:MM:00);
 * a date alone stays a date. Impossible dates give null rather than a wrong instant.
 */
export function hl7TimestampToIso(ts: string): string | null {
  // A message's OBR and OBX usually carry the same time: remember the last one.
  if (ts === last.ts) return last.iso;
  const iso = convert(ts);
  last = { ts, iso };
  return iso;
}

let last: { ts: string; iso: string | null } = { ts: '', iso: null };

function convert(ts: string): string | null {
  const m = HL7_TS.exec(ts.trim());
  if (!m) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = m;
  if (hour === undefined) {
    if (!inRange(month, 1, 12) || !inRange(day, 1, 31)) return null;
    return [year, month, day].filter((p) => p !== undefined).join('-');
  }
  if (!inRange(month, 1, 12) || !inRange(day, 1, 31) || !inRange(hour, 0, 23) || !inRange(minute, 0, 59) || !inRange(second, 0, 60)) {
    return null;
  }
  if (offset !== undefined && !inRange(offset.slice(3), 0, 59)) return null;
  const time = `${hour}:${minute ?? '00'}:${second ?? '00'}${second !== undefined ? (fraction ?? '') : ''}`;
  const zone = offset === undefined ? '' : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return `${year}-${month}-${day}T${time}${zone}`;
}

function inRange(part: string | undefined, min: number, max: number): boolean {
  if (part === undefined) return true;
  const n = Number(part);
  return n >= min && n <= max;
}

/** A Date as HL7 DTM with seconds and the given UTC offset (minutes east of UTC). */
export function formatHl7Timestamp(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(shifted.getUTCFullYear(), 4)}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}`
    + `${pad(shifted.getUTCHours())}${pad(shifted.getUTCMinutes())}${pad(shifted.getUTCSeconds())}`
    + `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
