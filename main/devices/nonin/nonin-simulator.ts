import type { DeviceSimulator } from '../driver';
import { buildNoninPacket, type NoninPacketValues } from './build-nonin-packet';
import { NONIN_PACKETS_PER_SECOND } from './nonin-frame';
import { streamPaced } from '../paced-stream';
import { seededRandom, type Random } from '../seeded-random';

export interface NoninSimulatorOptions {
  /** Same seed, same session. */
  seed?: number;
  /** Every ~30 s the patient moves: two seconds of artifact/out-of-track packets. */
  artifactEpisodes?: boolean;
}

const EPISODE_EVERY = 90;
const EPISODE_LENGTH = 6;

/** Plays a Nonin oximeter in data format #2: one packet per message, 3 per second by default. */
export function createNoninSimulator(options: NoninSimulatorOptions = {}): DeviceSimulator {
  return {
    run(channel, runOptions) {
      const next = noninSession(options);
      return streamPaced(channel, runOptions, Math.round(1000 / NONIN_PACKETS_PER_SECOND), () => buildNoninPacket(next()));
    },
  };
}

/** A patient whose SpO2 and pulse drift slowly; deterministic for a seed. */
export function noninSession(options: NoninSimulatorOptions = {}): () => NoninPacketValues {
  const random = seededRandom(options.seed ?? 1);
  let spo2 = 95 + Math.floor(random() * 4);
  let heartRate = 62 + Math.floor(random() * 20);
  let index = 0;
  return () => {
    spo2 = drift(random, spo2, 92, 99);
    heartRate = drift(random, heartRate, 55, 95);
    const inEpisode = options.artifactEpisodes === true && index % EPISODE_EVERY >= EPISODE_EVERY - EPISODE_LENGTH;
    const values: NoninPacketValues = {
      heartRate,
      spo2,
      timer: index & 0x3fff,
      pleth: plethWave(index, heartRate, inEpisode ? random : null),
      perfusion: inEpisode ? 'red' : 'green',
      alarms: inEpisode ? { artifact: true, outOfTrack: random() < 0.5 } : {},
    };
    index += 1;
    return values;
  };
}

function drift(random: Random, value: number, min: number, max: number): number {
  if (random() > 0.15) return value;
  return Math.min(max, Math.max(min, value + (random() < 0.5 ? -1 : 1)));
}

/** 25 samples at 75 Hz of a pulse-shaped wave at the given rate, scrambled during artifact. */
function plethWave(packetIndex: number, heartRate: number, noise: Random | null): number[] {
  return Array.from({ length: 25 }, (_, i) => {
    const t = (packetIndex * 25 + i) / 75;
    const phase = (t * heartRate / 60) % 1;
    const pulse = phase < 0.3 ? Math.sin((phase / 0.3) * Math.PI / 2) : Math.cos(((phase - 0.3) / 0.7) * Math.PI / 2);
    const sample = 40 + 160 * pulse + (noise ? (noise() - 0.5) * 120 : 0);
    return Math.min(255, Math.max(0, Math.round(sample)));
  });
}
