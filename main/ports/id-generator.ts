import { randomBytes } from 'node:crypto';

export interface IdGenerator {
  /** A UUID for a new row. */
  uuid(): string;
  /** An unguessable token (sessions, bridge). */
  token(): string;
}

let lastMs = -1;
let sequence = 0;

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter for ids made in the same
 * millisecond, then 62 random bits. Rows made together sort together, so an insert touches the
 * same primary-key index pages instead of a random one per row: with encryption every page written
 * costs a cipher and HMAC pass (docs/benchmarks.md). Ids made offline on two workstations still
 * never clash (74 random-or-counter bits per millisecond).
 */
export function uuidV7(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff; // random start leaves room to count up
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than repeat a value.
      lastMs += 1;
      sequence = 0;
    }
  }
  const bytes = randomBytes(16);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const cryptoIdGenerator: IdGenerator = {
  uuid: () => uuidV7(),
  token: () => randomBytes(32).toString('base64url'),
};

/** Deterministic ids for tests and the demo generator. */
export class SequentialIdGenerator implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = '00000000-0000-4000-8000') {}
  uuid(): string {
    this.n += 1;
    return `${this.prefix}-${this.n.toString(16).padStart(12, '0')}`;
  }
  token(): string {
    this.n += 1;
    return `test-token-${this.n}`;
  }
}
