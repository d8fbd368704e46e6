import type { DeviceSettings, MonitorChunk } from '../../../common/domain/devices';
import { driverFor } from '../../devices/drivers';
import { toHex, toMonitorText } from '../../devices/monitor-format';
import type { Clock } from '../../ports/clock';
import type { DeviceTransportFactory } from '../../ports/device-transport';
import type { Timers } from '../../ports/timers';

const SAMPLE_CHUNKS = 20;
const MAX_NOTICES = 20;

/**
 * Opens the port with the settings being edited, listens for a while and decodes passively
 * (nothing is answered, nothing journaled), so a technician sees whether the cable, the line
 * settings and the protocol fit before saving.
 */
export async function runConnectionTest(options: {
  factory: DeviceTransportFactory;
  timers: Timers;
  clock: Clock;
  settings: DeviceSettings;
  listenMs: number;
}) {
  const result = { opened: false, error: null as string | null, bytesReceived: 0, messagesDecoded: 0, framesRejected: 0, notices: [] as string[], sample: [] as MonitorChunk[] };
  let transport;
  try {
    transport = await options.factory.open(options.settings.transport);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    return result;
  }
  result.opened = true;
  const driver = driverFor(options.settings.protocol);
  transport.onStream((stream) => {
    const decoder = driver.createDecoder({ encoding: options.settings.encoding, codeMap: options.settings.codeMap });
    stream.onData((chunk) => {
      result.bytesReceived += chunk.length;
      if (result.sample.length < SAMPLE_CHUNKS) {
        result.sample.push({ deviceId: '00000000-0000-4000-8000-000000000000', at: options.clock.now().toISOString(), direction: 'in', hex: toHex(chunk, 512), text: toMonitorText(chunk, 512) });
      }
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'message') result.messagesDecoded++;
        else if (event.kind === 'rejected') {
          result.framesRejected++;
          if (result.notices.length < MAX_NOTICES) result.notices.push(`${event.reason}: ${event.detail}`);
        }
      }
    });
  });
  transport.onClosed((reason) => {
    if (reason !== null && result.error === null) result.error = reason;
  });
  await new Promise<void>((resolve) => options.timers.after(options.listenMs, resolve));
  await transport.close().catch(() => undefined);
  return result;
}
