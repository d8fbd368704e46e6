import { createHash } from 'node:crypto';
import type { DeviceProtocol } from '../../common/domain/devices';
import type { DecodedMessage } from './driver';

/**
 * The journal's duplicate key for a message, or null where identical messages are normal.
 * Lab analyzers and HL7 senders resend a message whose acknowledgement they did not see; the
 * resend is acknowledged again but stored once. HL7 keys on MSH-10 *and* the content, so a sender
 * that reuses control ids never has a different message dropped. Oximeter packets and scale lines
 * repeat identical bytes legitimately (a steady reading) and are never deduplicated; a HID meter
 * replays its memory with time stamps, so a report with a time is keyed, one without is not.
 */
export function dedupeKeyOf(protocol: DeviceProtocol, raw: Uint8Array, message: DecodedMessage): string | null {
  switch (protocol) {
    case 'hl7':
      return `${message.messageId ?? ''}:${sha256(raw)}`;
    case 'astm':
      return sha256(raw);
    case 'hid':
      return message.readings.some((r) => r.observedAt !== null) ? sha256(raw) : null;
    case 'nonin':
    case 'scale':
      return null;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}
