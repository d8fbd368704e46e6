import type { ProtocolDriver } from '../driver';
import { createListenOnlyLink } from '../listen-only-link';
import { parseScaleLine } from './parse-scale-line';
import { createScaleDecoder } from './scale-line-decoder';

/** A&D-style weighing scale streaming ASCII lines. The scale only talks: no handshake. */
export const scaleDriver: ProtocolDriver = {
  protocol: 'scale',
  createDecoder: createScaleDecoder,
  parse: parseScaleLine,
  createLink: (callbacks, options) => createListenOnlyLink(() => createScaleDecoder(options), callbacks),
};
