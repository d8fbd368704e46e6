import type { TextEncoding } from '../../../common/domain/devices';
import { frameMllp } from './frame-mllp';
import { DEFAULT_HL7_DELIMITERS } from './hl7-delimiters';
import { escapeHl7 } from './hl7-escape';
import type { Hl7Header } from './hl7-message-parser';
import { encodeHl7Text } from './hl7-text-codec';

/** MSA-1: application accept, application error (resend may help), application reject (it won't). */
export type Hl7AckCode = 'AA' | 'AE' | 'AR';

/** HL7 table 0357 error codes we use in ERR. */
export const HL7_ERROR = {
  segmentSequence: { code: '100', text: 'Segment sequence error' },
  unsupportedMessageType: { code: '200', text: 'Unsupported message type' },
  unsupportedEvent: { code: '201', text: 'Unsupported event code' },
  internalError: { code: '207', text: 'Application internal error' },
} as const;

export interface Hl7AckInput {
  code: Hl7AckCode;
  /** The received MSH; null when it was unreadable (default delimiters, empty addresses). */
  received: Hl7Header | null;
  /**
   * MSH-10 to echo in MSA-2. With `received`, pass `received.controlIdRaw` (escaped as sent, so it
   * comes back byte for byte); without, a salvaged id as plain text or ''.
   */
  receivedControlId: string;
  /** Our own MSH-10 for the ACK. */
  controlId: string;
  /** MSH-7, HL7 DTM. */
  timestamp: string;
  encoding: TextEncoding;
  /** MSA-3 and ERR, for AE/AR. */
  error?: { code: string; text: string; detail?: string };
}

/** The ACK message text (segments CR-terminated), unframed. */
export function buildHl7AckText(input: Hl7AckInput): string {
  const d = input.received?.delimiters ?? DEFAULT_HL7_DELIMITERS;
  const esc = (s: string) => escapeHl7(s, d);
  const h = input.received;
  const trigger = h?.triggerEvent || 'R01';
  const msh = [
    'MSH', [d.component, d.repeat, d.escape, d.subcomponent].filter((c) => c !== '\r').join(''),
    // Sender and receiver swap: we answer from where the message was addressed to.
    h?.receivingApplication ?? '', h?.receivingFacility ?? '', h?.sendingApplication ?? '', h?.sendingFacility ?? '',
    input.timestamp, '', `ACK${d.component}${trigger}`, esc(input.controlId), h?.processingId || 'P', h?.version || '2.5',
  ].join(d.field);
  const echo = h ? input.receivedControlId : esc(input.receivedControlId);
  const segments = [msh];
  const err: Hl7AckInput['error'] = input.code === 'AA' ? undefined : (input.error ?? HL7_ERROR.internalError);
  if (!err) {
    segments.push(['MSA', 'AA', echo].join(d.field));
  } else {
    const text = err.detail ? `${err.text}: ${err.detail}` : err.text;
    segments.push(['MSA', input.code, echo, esc(text)].join(d.field));
    const coded = [err.code, esc(err.text), 'HL70357'].join(d.component);
    // ERR-1 (v2.3/2.4 location + code) and ERR-3/ERR-4 (v2.5+ code, severity): readable by both.
    const legacy = d.subcomponent === '\r' ? '' : ['', '', '', [err.code, esc(err.text), 'HL70357'].join(d.subcomponent)].join(d.component);
    segments.push(['ERR', legacy, '', coded, 'E'].join(d.field));
  }
  return segments.map((s) => `${s}\r`).join('');
}

/** The ACK, encoded and framed in MLLP, ready to write. */
export function buildHl7Ack(input: Hl7AckInput): Uint8Array {
  return frameMllp(encodeHl7Text(buildHl7AckText(input), input.encoding));
}
