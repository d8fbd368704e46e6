import type { ByteChannel, SimulatorReport, SimulatorRunOptions } from './driver';
import type { TimerHandle } from '../ports/timers';

/**
 * Plays a device that sends on its own clock: writes `next(i)` now and then every interval until
 * `messages` were sent or the signal aborts. No acknowledgements, so acknowledged = sent.
 *
 * Shared by the nonin, scale and hid simulators; it belongs in main/devices/ next to driver.ts.
 */
export function streamPaced(
  channel: ByteChannel,
  options: SimulatorRunOptions,
  defaultIntervalMs: number,
  next: (index: number) => Uint8Array,
): Promise<SimulatorReport> {
  const limit = options.messages ?? Number.POSITIVE_INFINITY;
  const intervalMs = options.intervalMs ?? defaultIntervalMs;
  return new Promise((resolve) => {
    let sent = 0;
    let failed = 0;
    let done = false;
    let timer: TimerHandle | null = null;

    const finish = (): void => {
      if (done) return;
      done = true;
      timer?.cancel();
      options.signal?.removeEventListener('abort', finish);
      resolve({ sent, acknowledged: sent, failed });
    };

    const tick = (): void => {
      timer = null;
      if (done) return;
      if (options.signal?.aborted || sent >= limit) return finish();
      try {
        channel.write(next(sent));
        sent += 1;
      } catch {
        failed += 1;
        return finish();
      }
      if (sent >= limit) return finish();
      timer = options.timers.after(intervalMs, tick);
    };

    options.signal?.addEventListener('abort', finish, { once: true });
    tick();
  });
}
