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

/** A segment's fields by HL7 number, as sent (escaped): `field(0)` is the segment id, `field(n)` SEG-n. */
export interface Hl7Fields {
  /** An MSH segment: `field(1)` is the field separator and MSH-1/MSH-2 are never split. */
  readonly isMsh: boolean;
  /** '' when absent. */
  field(n: number): string;
}

/** An Hl7Segment (from splitHl7Segments) as Hl7Fields. */
export function segmentFields(segment: Hl7Segment): Hl7Fields {
  return { isMsh: segment[0] === 'MSH', field: (n) => segment[n] ?? '' };
}

/**
 * Walks the segments of a message's text in place, as splitHl7Segments cuts them (CR, LF or
 * CRLF; blank lines skipped), and indexes the current one's fields on request: nothing is copied
 * but the fields that are read. The parser reads readings this way; `detail` uses splitHl7Segments.
 */
export class Hl7SegmentCursor {
  // Shared by every cursor: parsing is synchronous, and a view lives only until the next segment.
  private readonly view = sharedView;
  private readonly hasLf: boolean;
  private readonly separatorCode: number;
  private pos = 0;
  private start = 0;
  private end = 0;

  constructor(
    private readonly text: string,
    private readonly separator: string,
  ) {
    this.hasLf = text.indexOf('\n') >= 0;
    this.separatorCode = separator.charCodeAt(0);
  }

  /** Moves to the next segment; false after the last. */
  next(): boolean {
    const text = this.text;
    const length = text.length;
    while (this.pos <= length) {
      const start = this.pos;
      let end: number;
      if (this.hasLf) {
        end = start;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c === 0x0d || c === 0x0a) break;
          end++;
        }
      } else {
        end = text.indexOf('\r', start);
        if (end < 0) end = length;
      }
      this.pos = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
      if (isBlank(text, start, end)) continue;
      this.start = start;
      this.end = end;
      return true;
    }
    return false;
  }

  /** The current segment's id (its text before the first field separator) is `id`. */
  is(id: string): boolean {
    const n = id.length;
    const size = this.end - this.start;
    return (size === n || (size > n && this.text.charCodeAt(this.start + n) === this.separatorCode)) && this.text.startsWith(id, this.start);
  }

  /** The current segment's fields; valid until the next call. */
  fields(): Hl7Fields {
    return this.view.index(this.text, this.separator, this.start, this.end, this.is('MSH'));
  }
}

/** What String#trim removes (white space and line terminators) is all there is. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** What `\s` (and String#trim) treats as white space. */
export function isWhiteSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Field positions of one segment, as `line.split(separator)` (plus MSH's separator field) would give them. */
class Hl7SegmentView implements Hl7Fields {
  isMsh = false;
  private text = '';
  private separator = '';
  /** starts[k] is where split part k begins; it ends one before starts[k + 1]. */
  private starts: Int32Array = new Int32Array(32);
  private count = 0;

  index(text: string, separator: string, start: number, end: number, isMsh: boolean): this {
    this.text = text;
    this.separator = separator;
    this.isMsh = isMsh;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    for (let at = text.indexOf(separator, start); at >= 0 && at < end; at = text.indexOf(separator, at + 1)) {
      if (count + 1 >= starts.length) {
        starts = new Int32Array(starts.length * 2);
        starts.set(this.starts);
        this.starts = starts;
      }
      starts[count++] = at + 1;
    }
    starts[count] = end + 1;
    this.count = count;
    return this;
  }

  field(n: number): string {
    let part = n;
    if (this.isMsh && n >= 1) {
      if (n === 1) return this.separator;
      part = n - 1;
    }
    if (part < 0 || part >= this.count) return '';
    const start = this.starts[part]!;
    const end = this.starts[part + 1]! - 1;
    return start === end ? '' : this.text.slice(start, end);
  }
}

/** Reads fields of one segment: raw text, repetitions, components, unescaped leaves. */
export class Hl7FieldReader {
  constructor(
    readonly delimiters: Hl7Delimiters,
    readonly encoding: TextEncoding,
  ) {}

  /** SEG-n as sent (escaped), '' when absent. */
  raw(segment: Hl7Fields, n: number): string {
    return segment.field(n);
  }

  /** The repetitions of SEG-n, each still escaped. */
  repetitions(segment: Hl7Fields, n: number): string[] {
    const raw = this.raw(segment, n);
    if (raw === '') return [];
    // MSH-2 holds the separators themselves and is never split.
    if (segment.isMsh && n <= 2) return [raw];
    return raw.split(this.delimiters.repeat);
  }

  /** The first repetition of SEG-n, still escaped; '' when absent. */
  firstRepetition(segment: Hl7Fields, n: number): string {
    const raw = segment.field(n);
    if (raw === '' || (segment.isMsh && n <= 2)) return raw;
    const end = raw.indexOf(this.delimiters.repeat);
    return end < 0 ? raw : raw.slice(0, end);
  }

  /** Components (1-based in HL7, 0-based here) of one repetition, unescaped; subcomponents joined as sent. */
  components(repetition: string): string[] {
    const parts = repetition.split(this.delimiters.component);
    if (repetition.indexOf(this.delimiters.escape) < 0) return parts;
    for (let i = 0; i < parts.length; i++) parts[i] = this.text(parts[i]!);
    return parts;
  }

  /** Component `c` (1-based) of the first repetition of SEG-n, unescaped; '' when absent. */
  component(segment: Hl7Fields, n: number, c = 1): string {
    const raw = segment.field(n);
    if (raw === '') return '';
    // The first repetition and the wanted component are found in place: no arrays per call.
    const d = this.delimiters;
    let end = segment.isMsh && n <= 2 ? -1 : raw.indexOf(d.repeat);
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

const sharedView = new Hl7SegmentView();
