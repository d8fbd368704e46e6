import type { DecodedReading, ReadingFlag } from '../../../common/domain/devices';
import { VITAL_SIGNS } from '../../../common/domain/observation-codes';
import type { DecodedMessage, DecoderOptions } from '../driver';
import type { NoninPerfusion } from './build-nonin-packet';
import {
  NONIN_FRAME_INDEX, NONIN_FRAME_LENGTH, NONIN_FRAMES_PER_PACKET, NONIN_MISSING_HR, NONIN_MISSING_SPO2,
  NONIN_PACKET_LENGTH, NONIN_STATUS, noninFrameProblem,
} from './nonin-frame';

export const NONIN_MESSAGE_TYPE = 'nonin-packet';

/** What `parseNoninPacket` keeps in `detail`: the packet's numbers as sent, for the journal viewer. */
export interface NoninPacketDetail {
  heartRate: number;
  spo2: number;
  spo2Display: number;
  spo2Fast: number;
  spo2BeatToBeat: number;
  heartRate8Beat: number;
  spo28Beat: number;
  firmwareRevision: number;
  timer: number;
  alarms: { sensorDisconnect: boolean; artifact: boolean; outOfTrack: boolean; sensorAlarm: boolean };
  /** The weakest perfusion any frame reported, null when no frame reported one. */
  perfusion: NoninPerfusion | null;
  pleth: number[];
}

/** One verified 125-byte packet -> SpO2 and pulse-rate readings. Throws on anything else. */
export function parseNoninPacket(raw: Uint8Array, _options?: DecoderOptions): DecodedMessage {
  assertPacket(raw);
  const detail = packetDetail(raw);
  const flags = alarmFlags(detail.alarms);
  return {
    protocol: 'nonin',
    type: NONIN_MESSAGE_TYPE,
    messageId: null,
    patientId: null,
    sampleId: null,
    readings: [spo2Reading(detail.spo2, flags), pulseRateReading(detail.heartRate, flags)],
    detail,
  };
}

function assertPacket(raw: Uint8Array): void {
  if (raw.length !== NONIN_PACKET_LENGTH) {
    throw new Error(`a Nonin packet is ${NONIN_PACKET_LENGTH} bytes, got ${raw.length}`);
  }
  for (let i = 0; i < NONIN_FRAMES_PER_PACKET; i += 1) {
    const at = i * NONIN_FRAME_LENGTH;
    const problem = noninFrameProblem(raw, at);
    if (problem) throw new Error(`frame ${i + 1} of the packet: ${problem}`);
    const sync = ((raw[at + 1] ?? 0) & NONIN_STATUS.sync) !== 0;
    if (sync !== (i === 0)) throw new Error(`frame ${i + 1} of the packet: SYNC ${sync ? 'set' : 'missing'}`);
  }
}

function packetDetail(raw: Uint8Array): NoninPacketDetail {
  const status = (i: number): number => raw[i * NONIN_FRAME_LENGTH + 1] ?? 0;
  const byte4 = (i: number): number => raw[i * NONIN_FRAME_LENGTH + 3] ?? 0;
  const nineBit = (msb: number, lsb: number): number => ((byte4(msb) & 0x03) << 7) | (byte4(lsb) & 0x7f);
  const f = NONIN_FRAME_INDEX;
  const frames = Array.from({ length: NONIN_FRAMES_PER_PACKET }, (_, i) => i);
  const anyStatus = (bit: number): boolean => frames.some((i) => (status(i) & bit) !== 0);
  return {
    heartRate: nineBit(f.hrMsb, f.hrLsb),
    spo2: byte4(f.spo2) & 0x7f,
    spo2Display: byte4(f.spo2Display) & 0x7f,
    spo2Fast: byte4(f.spo2Fast) & 0x7f,
    spo2BeatToBeat: byte4(f.spo2BeatToBeat) & 0x7f,
    heartRate8Beat: nineBit(f.hr8BeatMsb, f.hr8BeatLsb),
    spo28Beat: byte4(f.spo28Beat) & 0x7f,
    firmwareRevision: byte4(f.firmwareRevision),
    timer: ((byte4(f.timerMsb) & 0x7f) << 7) | (byte4(f.timerLsb) & 0x7f),
    alarms: {
      sensorDisconnect: anyStatus(NONIN_STATUS.sensorDisconnect),
      artifact: anyStatus(NONIN_STATUS.artifact),
      outOfTrack: anyStatus(NONIN_STATUS.outOfTrack),
      sensorAlarm: anyStatus(NONIN_STATUS.sensorAlarm),
    },
    perfusion: weakestPerfusion(frames.map(status)),
    pleth: frames.map((i) => raw[i * NONIN_FRAME_LENGTH + 2] ?? 0),
  };
}

function weakestPerfusion(statuses: number[]): NoninPerfusion | null {
  const seen = new Set(statuses.map((s) => {
    const red = (s & NONIN_STATUS.redPerfusion) !== 0;
    const green = (s & NONIN_STATUS.greenPerfusion) !== 0;
    if (red && green) return 'yellow';
    return red ? 'red' : green ? 'green' : null;
  }));
  return (['red', 'yellow', 'green'] as const).find((p) => seen.has(p)) ?? null;
}

/** Any frame of the packet carrying an alarm flags both readings. */
function alarmFlags(alarms: NoninPacketDetail['alarms']): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  if (alarms.sensorDisconnect || alarms.sensorAlarm) flags.push('sensor-alarm');
  if (alarms.outOfTrack) flags.push('out-of-track');
  if (alarms.artifact) flags.push('artifact');
  return flags;
}

function spo2Reading(spo2: number, alarmFlags: ReadingFlag[]): DecodedReading {
  const missing = spo2 === NONIN_MISSING_SPO2;
  const flags: ReadingFlag[] = [...(missing ? ['no-reading' as const] : []), ...alarmFlags];
  if (!missing && spo2 > 100) flags.push('invalid');
  return reading({
    code: 'SpO2', display: VITAL_SIGNS.oxygenSaturation.display, loinc: VITAL_SIGNS.oxygenSaturation.loinc,
    ucum: VITAL_SIGNS.oxygenSaturation.ucum, unit: '%', value: missing ? '' : String(spo2), flags,
    comments: missing ? [`oximeter sent ${NONIN_MISSING_SPO2} (no SpO2 reading)`] : [],
  });
}

function pulseRateReading(heartRate: number, alarmFlags: ReadingFlag[]): DecodedReading {
  const missing = heartRate === NONIN_MISSING_HR;
  return reading({
    code: 'HR', display: VITAL_SIGNS.heartRate.display, loinc: VITAL_SIGNS.heartRate.loinc, ucum: VITAL_SIGNS.heartRate.ucum,
    unit: 'bpm', value: missing ? '' : String(heartRate),
    flags: [...(missing ? ['no-reading' as const] : []), ...alarmFlags],
    comments: missing ? [`oximeter sent ${NONIN_MISSING_HR} (no pulse-rate reading)`] : [],
  });
}

function reading(
  r: Pick<DecodedReading, 'code' | 'display' | 'loinc' | 'ucum' | 'unit' | 'value' | 'flags' | 'comments'>,
): DecodedReading {
  return {
    protocol: 'nonin', codeSystem: null, referenceRange: null,
    patientId: null, sampleId: null, messageId: null, observedAt: null, ...r,
  };
}
