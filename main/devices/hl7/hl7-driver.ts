import type { ProtocolDriver } from '../driver';
import { createHl7Link } from './hl7-link';
import { parseHl7Message } from './hl7-message-parser';
import { createHl7Decoder } from './hl7-stream-decoder';

/** HL7 v2 ORU^R01 over MLLP, for vital-sign monitors, gateways and LIS; runs over TCP or serial. */
export const hl7Driver: ProtocolDriver = {
  protocol: 'hl7',
  createDecoder: createHl7Decoder,
  parse: parseHl7Message,
  createLink: createHl7Link,
};

export { createHl7Simulator, simulatedVitalSignsMessage, vitalSignsSample, type Hl7Scenario } from './hl7-simulator';
export { buildOruMessage, buildOruText, type OruMessageInput, type OruObservation } from './hl7-oru-builder';
export { frameMllp } from './frame-mllp';
export { Hl7ParseError } from './hl7-parse-error';
export type { Hl7LinkOptions } from './hl7-link';
export type { Hl7MessageDetail } from './hl7-message-parser';
