import type { TextEncoding } from '../../../common/domain/devices';
import type { Hl7Delimiters } from './hl7-delimiters';
import { decodeHl7Text } from './hl7-text-codec';

/**
 * Escapes text for one HL7 leaf value (a component or subcomponent). Separators become
 * \F\ \S\ \T\ \R\ \E\; control characters (CR would end the segment, VT/FS would break MLLP
 * framing) become \Xhh\.
 */
export function escapeHl7(text: string, d: Hl7Delimiters): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    let sequence: string | null = null;
    if (ch === d.escape) sequence = 'E';
    else if (ch === d.field) sequence = 'F';
    else if (ch === d.component) sequence = 'S';
    else if (ch === d.subcomponent) sequence = 'T';
    else if (ch === d.repeat) sequence = 'R';
    else if (code < 0x20 || code === 0x7f) sequence = `X${code.toString(16).toUpperCase().padStart(2, '0')}`;
    if (sequence === null) continue;
    out += text.slice(from, i) + d.escape + sequence + d.escape;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Resolves escape sequences in one leaf value. \Xhh..\ is decoded with the message's encoding.
 * Formatting commands (\.br\, \H\, \N\, ...) and anything unrecognised pass through as sent.
 */
export function unescapeHl7(text: string, d: Hl7Delimiters, encoding: TextEncoding): string {
  const esc = d.escape;
  let at = text.indexOf(esc);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const close = text.indexOf(esc, at + 1);
    if (close < 0) break;
    const body = text.slice(at + 1, close);
    const resolved = resolveSequence(body, d, encoding);
    if (resolved !== null) {
      out += text.slice(from, at) + resolved;
      from = close + 1;
    } else if (PASS_THROUGH.test(body)) {
      out += text.slice(from, close + 1);
      from = close + 1;
    } else {
      // A stray escape character (a device writing "C:\data"): literal; the next one may open a sequence.
      out += text.slice(from, at + 1);
      from = at + 1;
    }
    at = text.indexOf(esc, from);
  }
  return out + text.slice(from);
}

/** Formatting commands (\H\ \N\ \.br\ \.sp2\ ...), charset switches (\Cxxxx\ \Mxxxxxx\) and local \Z..\ escapes. */
const PASS_THROUGH = /^(?:H|N|\.(?:br|fi|nf|ce|sp\d*|in[+-]?\d*|ti[+-]?\d*|sk[+-]?\d*)|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4,6}|Z[\w.-]*)$/;

function resolveSequence(body: string, d: Hl7Delimiters, encoding: TextEncoding): string | null {
  switch (body) {
    case 'F': return d.field;
    case 'S': return d.component;
    case 'T': return d.subcomponent;
    case 'R': return d.repeat;
    case 'E': return d.escape;
    default: break;
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(body)) {
    return decodeHl7Text(Buffer.from(body.slice(1), 'hex'), encoding);
  }
  return null;
}
