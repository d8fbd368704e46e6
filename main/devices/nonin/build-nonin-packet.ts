import {
  encodeNoninFrame, NONIN_FRAME_INDEX, NONIN_FRAMES_PER_PACKET, NONIN_PACKET_LENGTH, NONIN_STATUS,
} from './nonin-frame';

export type NoninPerfusion = 'green' | 'yellow' | 'red';

export interface NoninAlarms {
  sensorDisconnect?: boolean;
  artifact?: boolean;
  outOfTrack?: boolean;
  sensorAlarm?: boolean;
}

/** What one format #2 packet carries, for the simulator and tests. */
export interface NoninPacketValues {
  /** 4-beat pulse rate, 0–511; 511 means no reading. */
  heartRate: number;
  /** 4-beat SpO2, 0–127; 127 means no reading. */
  spo2: number;
  firmwareRevision?: number;
  /** 3 Hz timer, 0–16383. */
  timer?: number;
  /** 25 pleth samples, 0–255; a flat line at 128 by default. */
  pleth?: readonly number[];
  perfusion?: NoninPerfusion | null;
  alarms?: NoninAlarms;
  /** 0-based frames whose status carries the alarm bits; every frame by default. */
  alarmFrames?: readonly number[];
}

/** The 125 bytes of one packet as the oximeter sends it. */
export function buildNoninPacket(values: NoninPacketValues): Uint8Array {
  const byte4 = packetByte4(values);
  const alarmBits = alarmStatusBits(values.alarms ?? {});
  const alarmFrames = new Set(values.alarmFrames ?? byte4.map((_, i) => i));
  const packet = new Uint8Array(NONIN_PACKET_LENGTH);
  for (let i = 0; i < NONIN_FRAMES_PER_PACKET; i += 1) {
    const status = NONIN_STATUS.alwaysSet
      | perfusionBits(values.perfusion ?? null)
      | (alarmFrames.has(i) ? alarmBits : 0)
      | (i === 0 ? NONIN_STATUS.sync : 0);
    const pleth = (values.pleth?.[i] ?? 128) & 0xff;
    packet.set(encodeNoninFrame(status, pleth, byte4[i] ?? 0), i * 5);
  }
  return packet;
}

function packetByte4(values: NoninPacketValues): number[] {
  const bytes = new Array<number>(NONIN_FRAMES_PER_PACKET).fill(0);
  const hr = clamp(values.heartRate, 0, 511);
  const spo2 = clamp(values.spo2, 0, 127);
  const timer = clamp(values.timer ?? 0, 0, 16383);
  const f = NONIN_FRAME_INDEX;
  for (const [msb, lsb] of [[f.hrMsb, f.hrLsb], [f.hr8BeatMsb, f.hr8BeatLsb], [f.hrDisplayMsb, f.hrDisplayLsb],
    [f.hr8BeatDisplayMsb, f.hr8BeatDisplayLsb]] as const) {
    bytes[msb] = hr >> 7;
    bytes[lsb] = hr & 0x7f;
  }
  for (const at of [f.spo2, f.spo2Display, f.spo2Fast, f.spo2BeatToBeat, f.spo28Beat, f.spo28BeatDisplay]) {
    bytes[at] = spo2;
  }
  bytes[f.firmwareRevision] = clamp(values.firmwareRevision ?? 0x2c, 0, 255);
  bytes[f.timerMsb] = timer >> 7;
  bytes[f.timerLsb] = timer & 0x7f;
  return bytes;
}

function alarmStatusBits(alarms: NoninAlarms): number {
  return (alarms.sensorDisconnect ? NONIN_STATUS.sensorDisconnect : 0)
    | (alarms.artifact ? NONIN_STATUS.artifact : 0)
    | (alarms.outOfTrack ? NONIN_STATUS.outOfTrack : 0)
    | (alarms.sensorAlarm ? NONIN_STATUS.sensorAlarm : 0);
}

function perfusionBits(perfusion: NoninPerfusion | null): number {
  if (perfusion === 'green') return NONIN_STATUS.greenPerfusion;
  if (perfusion === 'red') return NONIN_STATUS.redPerfusion;
  if (perfusion === 'yellow') return NONIN_STATUS.greenPerfusion | NONIN_STATUS.redPerfusion;
  return 0;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(n)));
}
