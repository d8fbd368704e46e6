import type { ProtocolDriver } from '../driver';
import { createListenOnlyLink } from '../listen-only-link';
import { createNoninDecoder } from './nonin-packet-decoder';
import { parseNoninPacket } from './parse-nonin-packet';

/** Nonin pulse oximeter, serial data format #2. The oximeter only talks: no handshake. */
export const noninDriver: ProtocolDriver = {
  protocol: 'nonin',
  createDecoder: createNoninDecoder,
  parse: parseNoninPacket,
  createLink: (callbacks, options) => createListenOnlyLink(() => createNoninDecoder(options), callbacks),
};
