import { describe, expect, it } from 'vitest';
import { UuidSchema } from '../../../common/domain/ids';
import { cryptoIdGenerator, uuidV7 } from '../../../main/ports/id-generator';

describe('UUIDv7 row ids', () => {
  it('are valid RFC 9562 version-7 UUIDs that the contract accepts', () => {
    const id = cryptoIdGenerator.uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(UuidSchema.safeParse(id).success).toBe(true);
  });

  it('carry their creation millisecond first', () => {
    const ms = Date.parse('2026-11-25T12:00:00.123Z');
    const id = uuidV7(ms);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(ms);
  });

  it('sort in creation order and never repeat, even thousands in one millisecond', () => {
    const ms = Date.parse('2030-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 20_000 }, () => uuidV7(ms));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
