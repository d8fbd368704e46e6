/**
 * E1381 checksum: the sum of the transmitted bytes from FN through ETB/ETX inclusive, modulo 256.
 * Always on bytes as they travel on the wire, never on decoded text (Shift-JIS and UTF-8 differ).
 */
export function astmChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i]!;
  return sum & 0xff;
}

const HEX = '0123456789ABCDEF';

/** The checksum as the two uppercase hex characters sent after ETB/ETX. */
export function astmChecksumHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return checksumToHex(astmChecksum(bytes, start, end));
}

export function checksumToHex(sum: number): string {
  return HEX[(sum >> 4) & 0xf]! + HEX[sum & 0xf]!;
}

/** Value of one uppercase ASCII hex digit (as E1381 requires), or -1. */
export function hexDigitValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}
