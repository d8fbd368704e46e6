import type { DeviceSimulator } from '../driver';
import { streamPaced } from '../paced-stream';
import { seededRandom } from '../seeded-random';
import { buildScaleLine, type ScaleLineValues } from './build-scale-line';

export interface ScaleSimulatorOptions {
  /** Same seed, same people. */
  seed?: number;
  /** Display resolution in kg; readings are rounded to it. Default 0.05. */
  resolutionKg?: number;
}

/** Plays a body scale streaming one line per display update (5 per second by default). */
export function createScaleSimulator(options: ScaleSimulatorOptions = {}): DeviceSimulator {
  return {
    run(channel, runOptions) {
      const next = scaleSession(options);
      return streamPaced(channel, runOptions, 200, () => buildScaleLine(next()));
    },
  };
}

const EMPTY = 3;
const SETTLING = 6;
const STABLE = 8;
const STEPPING_OFF = 2;
const CYCLE = EMPTY + SETTLING + STABLE + STEPPING_OFF;

/**
 * One person after another steps on: the empty scale reads zero (stable), the reading swings
 * towards the person's weight while unstable, settles (stable), then falls back as they step off.
 */
export function scaleSession(options: ScaleSimulatorOptions = {}): () => ScaleLineValues {
  const random = seededRandom(options.seed ?? 1);
  const resolution = options.resolutionKg ?? 0.05;
  const decimals = Math.max(0, Math.ceil(-Math.log10(resolution) - 1e-9));
  const show = (kg: number): string => (Math.round(kg / resolution) * resolution).toFixed(decimals);
  let weight = 0;
  let index = 0;
  return () => {
    const step = index % CYCLE;
    index += 1;
    if (step === 0) weight = 45 + random() * 65;
    if (step < EMPTY) return { header: 'ST', value: show(0) };
    if (step < EMPTY + SETTLING) {
      const k = step - EMPTY + 1;
      const swing = Math.exp(-k / 2) * Math.cos(k * 1.7) * 0.25 * weight;
      return { header: 'US', value: show(Math.max(0, weight - swing - (k === 1 ? weight * 0.4 : 0))) };
    }
    if (step < EMPTY + SETTLING + STABLE) return { header: 'ST', value: show(weight) };
    const k = step - (EMPTY + SETTLING + STABLE) + 1;
    return { header: 'US', value: show(weight * (1 - k / (STEPPING_OFF + 1))) };
  };
}
