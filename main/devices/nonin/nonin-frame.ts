/**
 * Nonin serial data format #2: 5-byte frames `0x01, status, pleth, byte 4, checksum`, 25 frames
 * per packet, 3 packets per second.
 *
 * Layout as published by Nonin for format #2 (and as read by open-source receivers such as the
 * Oxford IBME Nonin library and Pufferfish's PacketReceiver), checked against the notes' example
 * frame `01 81 01 00 83`:
 *
 *   status bit 7  always 1
 *          bit 6  SNSD  sensor disconnected or inoperable
 *          bit 5  ARTF  artifact: a beat did not match the current pulse interval
 *          bit 4  OOT   out of track: no consecutive good pulse signals
 *          bit 3  SNSA  sensor alarm: the sensor gives unusable data (e.g. finger removed)
 *          bit 2  RPRF  red perfusion (low signal quality)      } both set: yellow (marginal)
 *          bit 1  GPRF  green perfusion (high signal quality)   }
 *          bit 0  SYNC  set on the first frame of a packet only
 *
 * (Data format #8 packs SNSD/OOT/LPRF/MPRF/ARTF in bits 6–2 instead; this driver is format #2.)
 *
 * Byte 4 by frame (1-based): 1 HR MSB (HR bits 8–7 in bits 1–0), 2 HR LSB (bits 6–0), 3 SpO2,
 * 4 firmware revision, 6/7 3 Hz timer MSB/LSB (7 bits each), 8 STAT2, 9 SpO2 display,
 * 10 SpO2 fast, 11 SpO2 beat-to-beat, 14/15 8-beat HR MSB/LSB, 16 8-beat SpO2,
 * 17 8-beat SpO2 display, 20/21 HR display MSB/LSB, 22/23 8-beat HR display MSB/LSB;
 * frames 5, 12, 13, 18, 19, 24, 25 are reserved.
 */
export const NONIN_FRAME_START = 0x01;
export const NONIN_FRAME_LENGTH = 5;
export const NONIN_FRAMES_PER_PACKET = 25;
export const NONIN_PACKET_LENGTH = NONIN_FRAME_LENGTH * NONIN_FRAMES_PER_PACKET;
export const NONIN_PACKETS_PER_SECOND = 3;

export const NONIN_STATUS = {
  alwaysSet: 0x80,
  sensorDisconnect: 0x40,
  artifact: 0x20,
  outOfTrack: 0x10,
  sensorAlarm: 0x08,
  redPerfusion: 0x04,
  greenPerfusion: 0x02,
  sync: 0x01,
} as const;

/** 0-based frame index within a packet of the byte-4 values this driver reads. */
export const NONIN_FRAME_INDEX = {
  hrMsb: 0,
  hrLsb: 1,
  spo2: 2,
  firmwareRevision: 3,
  timerMsb: 5,
  timerLsb: 6,
  stat2: 7,
  spo2Display: 8,
  spo2Fast: 9,
  spo2BeatToBeat: 10,
  hr8BeatMsb: 13,
  hr8BeatLsb: 14,
  spo28Beat: 15,
  spo28BeatDisplay: 16,
  hrDisplayMsb: 19,
  hrDisplayLsb: 20,
  hr8BeatDisplayMsb: 21,
  hr8BeatDisplayLsb: 22,
} as const;

/** Values the oximeter sends when it has no reading. */
export const NONIN_MISSING_HR = 511;
export const NONIN_MISSING_SPO2 = 127;

export function noninChecksum(status: number, pleth: number, byte4: number): number {
  return (NONIN_FRAME_START + status + pleth + byte4) & 0xff;
}

export type NoninFrameProblem = 'framing' | 'checksum';

/** Why the 5 bytes at `at` are not a frame, or null when they are one (SYNC not considered). */
export function noninFrameProblem(bytes: Uint8Array, at: number): NoninFrameProblem | null {
  const start = bytes[at];
  const status = bytes[at + 1] ?? 0;
  if (start !== NONIN_FRAME_START || (status & NONIN_STATUS.alwaysSet) === 0) return 'framing';
  const expected = noninChecksum(status, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
  return bytes[at + 4] === expected ? null : 'checksum';
}

export function isNoninSyncFrame(bytes: Uint8Array, at: number): boolean {
  return noninFrameProblem(bytes, at) === null && ((bytes[at + 1] ?? 0) & NONIN_STATUS.sync) !== 0;
}

/** One frame's bytes for the given status, pleth and byte 4 (checksum added). */
export function encodeNoninFrame(status: number, pleth: number, byte4: number): Uint8Array {
  return Uint8Array.of(NONIN_FRAME_START, status, pleth, byte4, noninChecksum(status, pleth, byte4));
}
