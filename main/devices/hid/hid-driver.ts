import type { ProtocolDriver } from '../driver';
import { createListenOnlyLink } from '../listen-only-link';
import { createHidDecoder } from './hid-report-decoder';
import { parseBpReport } from './parse-bp-report';

/**
 * USB HID blood-pressure monitor (docs/device-hid-report.md). The USB adapter passes input
 * reports as they arrive; the monitor is never written to.
 */
export const hidDriver: ProtocolDriver = {
  protocol: 'hid',
  createDecoder: createHidDecoder,
  parse: parseBpReport,
  createLink: (callbacks, options) => createListenOnlyLink(() => createHidDecoder(options), callbacks),
};
