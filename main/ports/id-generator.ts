import { randomBytes, randomUUID } from 'node:crypto';

export interface IdGenerator {
  /** A UUID for a new row. */
  uuid(): string;
  /** An unguessable token (sessions, bridge). */
  token(): string;
}

export const cryptoIdGenerator: IdGenerator = {
  uuid: () => randomUUID(),
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
