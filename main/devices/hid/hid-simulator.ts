import { type Clock, systemClock } from '../../ports/clock';
import type { DeviceSimulator } from '../driver';
import { streamPaced } from '../paced-stream';
import { seededRandom } from '../seeded-random';
import type { BpMeasurement, BpTimestamp } from './bp-measurement';
import { buildBpReport } from './build-bp-report';

export interface HidSimulatorOptions {
  /** Same seed, same measurements. */
  seed?: number;
  /** The monitor's clock for the report timestamps (local wall time). */
  clock?: Clock;
  /** User index the monitor reports; null leaves the field out. Default 1. */
  userId?: number | null;
}

/**
 * Plays a USB blood-pressure monitor: writes one 64-byte input report per measurement to the
 * channel (for USB, the test double of the `usb` library replays what it receives as interrupt
 * transfers). A measurement every 5 s by default.
 */
export function createHidSimulator(options: HidSimulatorOptions = {}): DeviceSimulator {
  return {
    run(channel, runOptions) {
      const next = bpSession(options);
      return streamPaced(channel, runOptions, 5000, () => buildBpReport(next()));
    },
  };
}

/** Plausible measurements of one patient; about one in eight with body movement. */
export function bpSession(options: HidSimulatorOptions = {}): () => BpMeasurement {
  const random = seededRandom(options.seed ?? 1);
  const clock = options.clock ?? systemClock;
  const userId = options.userId === undefined ? 1 : options.userId;
  const baseSystolic = 110 + Math.floor(random() * 30);
  const baseDiastolic = 65 + Math.floor(random() * 20);
  return () => {
    const systolic = baseSystolic + Math.round((random() - 0.5) * 12);
    const diastolic = baseDiastolic + Math.round((random() - 0.5) * 8);
    const moved = random() < 0.125;
    return {
      units: 'mmHg',
      systolic: String(systolic),
      diastolic: String(diastolic),
      meanArterial: String(Math.round(diastolic + (systolic - diastolic) / 3)),
      timestamp: wallClock(clock.now()),
      pulseRate: String(60 + Math.floor(random() * 30)),
      userId,
      status: {
        bodyMovement: moved, cuffTooLoose: false, irregularPulse: false, pulseRateRange: 'within', improperPosition: false,
      },
    };
  };
}

function wallClock(d: Date): BpTimestamp {
  return {
    year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(),
    hours: d.getHours(), minutes: d.getMinutes(), seconds: d.getSeconds(),
  };
}
