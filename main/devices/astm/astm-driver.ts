import type { ProtocolDriver } from '../driver';
import { createAstmDecoder } from './astm-frame-decoder';
import { createAstmLink } from './astm-link';
import { parseAstmMessage } from './astm-message-parser';

/** ASTM E1381 (low level) + E1394 (records): lab analyzers over serial. */
export const astmDriver: ProtocolDriver = {
  protocol: 'astm',
  createDecoder: createAstmDecoder,
  parse: parseAstmMessage,
  createLink: createAstmLink,
};

export { createAstmSimulator, type AstmSimulatorScenario } from './astm-simulator';
export { encodeAstmMessage, encodeAstmFrames, buildAstmSession, type AstmEncodeOptions } from './astm-message-encoder';
export { sampleLabResultRecords } from './astm-sample-message';
export type { AstmMessageDetail } from './astm-message-parser';
