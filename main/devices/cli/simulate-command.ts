import { systemClock } from '../../ports/clock';
import { systemTimers, type Timers } from '../../ports/timers';
import { createAstmSimulator } from '../astm/astm-driver';
import type { DeviceSimulator } from '../driver';
import { createHl7Simulator } from '../hl7/hl7-driver';
import { createNoninSimulator } from '../nonin/nonin-simulator';
import { createScaleSimulator } from '../scale/scale-simulator';
import { connectTcpChannel, openSerialChannel, type OpenChannel } from './byte-channels';
import type { SimulateCommand, SimulateTarget } from './cli-arguments';
import { errorText } from './capture-decoding';
import { EXIT, type CliIo, type ExitCode } from './cli-io';
import { observeChannel, progressObserver } from './simulate-progress';

export interface SimulateDeps {
  openChannel(target: SimulateTarget): Promise<OpenChannel>;
  timers: Timers;
}

export const systemSimulateDeps: SimulateDeps = {
  openChannel: (target) => (target.type === 'serial' ? openSerialChannel(target.settings) : connectTcpChannel(target.host, target.port)),
  timers: systemTimers,
};

export function simulatorFor(protocol: SimulateCommand['protocol'], seed: number): DeviceSimulator {
  switch (protocol) {
    case 'astm':
      return createAstmSimulator({ seed });
    case 'hl7':
      // Live time stamps, so a workstation's journal shows when the test ran.
      return createHl7Simulator({ seed, clock: systemClock });
    case 'nonin':
      return createNoninSimulator({ seed });
    case 'scale':
      return createScaleSimulator({ seed });
  }
}

/**
 * `simulate`: plays the device on a port (or, for hl7, a connection to the workstation) until
 * --count messages were sent or Ctrl-C. Exit 0 when every message sent was acknowledged; a message
 * interrupted half-way by Ctrl-C counts as failed.
 */
export async function runSimulate(command: SimulateCommand, io: CliIo, deps: SimulateDeps = systemSimulateDeps): Promise<ExitCode> {
  const say = (line: string) => void io.stderr.write(`${line}\n`);
  let open: OpenChannel;
  try {
    open = await deps.openChannel(command.target);
  } catch (error) {
    say(`error: ${errorText(error)}`);
    return EXIT.failed;
  }
  const stop = new AbortController();
  let lost: string | null = null;
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stop.abort();
  };
  io.interrupt?.addEventListener('abort', onInterrupt, { once: true });
  if (io.interrupt?.aborted) onInterrupt();
  open.onClose((reason) => {
    if (reason === null) return;
    lost = reason;
    say(`failed: ${reason}`);
    stop.abort();
  });
  say(`simulating ${command.protocol} on ${open.name}: ${command.count ?? 'unlimited'} messages${command.count === null ? ' (Ctrl-C to stop)' : ''}`);

  const channel = observeChannel(open.channel, progressObserver(command.protocol, command.encoding, say));
  let report = { sent: 0, acknowledged: 0, failed: 0 };
  try {
    report = await simulatorFor(command.protocol, command.seed).run(channel, {
      messages: command.count ?? undefined,
      intervalMs: command.intervalMs ?? undefined,
      signal: stop.signal,
      timers: deps.timers,
      encoding: command.encoding,
    });
  } catch (error) {
    say(`error: the ${command.protocol} simulator failed: ${errorText(error)}`);
    report.failed += 1;
  } finally {
    io.interrupt?.removeEventListener('abort', onInterrupt);
    if (lost === null) await open.close().catch(() => undefined);
  }
  const how = lost !== null ? ' (connection lost)' : interrupted ? ' (interrupted)' : '';
  say(`summary: sent ${report.sent}, acknowledged ${report.acknowledged}, failed ${report.failed}${how}`);
  const allAcknowledged = lost === null && report.failed === 0 && report.acknowledged === report.sent;
  return allAcknowledged ? EXIT.ok : EXIT.failed;
}
