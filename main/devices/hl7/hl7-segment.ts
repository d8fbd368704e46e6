import type { TextEncoding } from '../../../common/domain/devices';
import type { Hl7Delimiters } from './hl7-delimiters';
import { unescapeHl7 } from './hl7-escape';

/**
 * One segment as its fields, still escaped, indexed by HL7 field number: `fields[0]` is the
 * segment id and `fields[n]` is SEG-n. For MSH, `fields[1]` is the field separator itself so that
 * MSH-n is `fields[n]` too.
 */
export type Hl7Segment = readonly string[];

/** Segments end with CR; LF and CRLF are tolerated, blank lines skipped. */
export function splitHl7Segments(text: string, d: Hl7Delimiters): Hl7Segment[] {
  const segments: Hl7Segment[] = [];
  // Monitors end segments with CR alone; the regular expression is only needed when there is an LF.
  const lines = text.includes('\n') ? text.split(/\r\n|\r|\n/) : text.split('\r');
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parts = line.split(d.field);
    if (parts[0] === 'MSH') parts.splice(1, 0, d.field);
    segments.push(parts);
  }
  return segments;
}

/** Reads fields of one segment: raw text, repetitions, components, unescaped leaves. */
export class Hl7FieldReader {
  constructor(
    readonly delimiters: Hl7Delimiters,
    readonly encoding: TextEncoding,
  ) {}

  /** SEG-n as sent (escaped), '' when absent. */
  raw(segment: Hl7Segment, n: number): string {
    return segment[n] ?? '';
  }

  /** The repetitions of SEG-n, each still escaped. */
  repetitions(segment: Hl7Segment, n: number): string[] {
    const raw = this.raw(segment, n);
    if (raw === '') return [];
    // MSH-2 holds the separators themselves and is never split.
    if (segment[0] === 'MSH' && n <= 2) return [raw];
    return raw.split(this.delimiters.repeat);
  }

  /** Components (1-based in HL7, 0-based here) of one repetition, unescaped; subcomponents joined as sent. */
  components(repetition: string): string[] {
    const parts = repetition.split(this.delimiters.component);
    for (let i = 0; i < parts.length; i++) parts[i] = this.text(parts[i]!);
    return parts;
  }

  /** Component `c` (1-based) of the first repetition of SEG-n, unescaped; '' when absent. */
  component(segment: Hl7Segment, n: number, c = 1): string {
    const raw = segment[n] ?? '';
    if (raw === '') return '';
    // The first repetition and the wanted component are found in place: no arrays per call.
    const d = this.delimiters;
    let end = segment[0] === 'MSH' && n <= 2 ? -1 : raw.indexOf(d.repeat);
    if (end < 0) end = raw.length;
    let start = 0;
    for (let k = 1; k < c; k++) {
      const next = raw.indexOf(d.component, start);
      if (next < 0 || next >= end) return '';
      start = next + 1;
    }
    let stop = raw.indexOf(d.component, start);
    if (stop < 0 || stop > end) stop = end;
    return this.text(start === 0 && stop === raw.length ? raw : raw.slice(start, stop));
  }

  /** Unescapes one leaf; subcomponent separators stay as sent (we never need subcomponents). */
  text(leaf: string): string {
    if (leaf.indexOf(this.delimiters.escape) < 0) return leaf;
    return unescapeHl7(leaf, this.delimiters, this.encoding);
  }
}
