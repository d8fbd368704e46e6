import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecoderEvent } from '../../../../main/devices/driver';
import { buildOruMessage, frameMllp, hl7Driver, simulatedVitalSignsMessage } from '../../../../main/devices/hl7/hl7-driver';
import { concat, framed, hl7, oru, splitAt } from './hl7-test-kit';

const options = { encoding: 'utf8' as const };

function decodeAll(chunks: Uint8Array[]): DecoderEvent[] {
  const decoder = hl7Driver.createDecoder(options);
  return [...chunks.flatMap((c) => decoder.push(c)), ...decoder.end()];
}

const blockCache = new Map<string, Uint8Array>();
function messageBlock(seed: number, index: number): Uint8Array {
  const key = `${seed}/${index}`;
  let block = blockCache.get(key);
  if (!block) {
    block = frameMllp(buildOruMessage(simulatedVitalSignsMessage(index, { seed }), options));
    blockCache.set(key, block);
  }
  return block;
}

describe('HL7 stream decoder', () => {
  it('emits messages whose raw bytes parse to the same message', () => {
    const events = decodeAll([concat(messageBlock(1, 0), messageBlock(1, 1))]);
    expect(events.map((e) => e.kind === 'message' && e.message.messageId)).toEqual(['SIM1-1', 'SIM1-2']);
    for (const e of events) if (e.kind === 'message') expect(hl7Driver.parse(e.raw, options)).toEqual(e.message);
  });

  it('rejects a block that is not HL7 as syntax and a message that is not ORU^R01 as unsupported', () => {
    const adt = hl7(['MSH|^~\\&|A|B|C|D|20250101||ADT^A01|9|P|2.5', 'PID|1||X']);
    const events = decodeAll([concat(framed('hello'), framed(adt), framed(oru('OK')))]);
    expect(events.map((e) => (e.kind === 'rejected' ? e.reason : e.kind))).toEqual(['syntax', 'unsupported', 'message']);
  });
});

/** Events with raw bytes as hex: deep equality on byte arrays is slow. */
const comparable = (e: DecoderEvent) => (e.kind === 'message' ? { ...e, raw: Buffer.from(e.raw).toString('hex') } : e);

type Damage = 'none' | 'truncate' | 'lose-fs' | 'break-msh' | 'bad-delimiters';

function damage(block: Uint8Array, how: Damage, at: number): Uint8Array {
  const b = Buffer.from(block);
  switch (how) {
    case 'none': return b;
    // Cut inside the block (after VT, before FS): ends up interrupted or truncated.
    case 'truncate': return b.subarray(0, 1 + (at % (b.length - 3)));
    case 'lose-fs': return b.subarray(0, b.length - 2);
    case 'break-msh': b[1] = 0x58; return b; // "XSH"
    case 'bad-delimiters': b[5] = 0x7c; return b; // MSH-2 "^|\&" repeats the field separator
  }
}

describe('HL7 stream decoder, for any damage and chunking', () => {
  it('decodes every intact message exactly once, never a damaged one, and parse(raw) equals the message', () => {
    const item = fc.record({
      seed: fc.integer({ min: 1, max: 4 }),
      how: fc.constantFrom<Damage>('none', 'none', 'none', 'truncate', 'lose-fs', 'break-msh', 'bad-delimiters'),
      at: fc.nat(),
      noise: fc.uint8Array({ maxLength: 8 }).map((a) => a.filter((x) => x !== 0x0b && x !== 0x0d && x !== 0x1c)),
    });
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 25 }), (items, cuts) => {
      const stream = concat(...items.flatMap((it, i) => [it.noise, damage(messageBlock(it.seed, i), it.how, it.at)]));
      const events = decodeAll(splitAt(stream, cuts));
      const messages = events.flatMap((e) => (e.kind === 'message' ? [e] : []));
      expect(messages.map((m) => m.message.messageId)).toEqual(items.flatMap((it, i) => (it.how === 'none' ? [`SIM${it.seed}-${i + 1}`] : [])));
      for (const m of messages) expect(JSON.stringify(hl7Driver.parse(m.raw, options))).toBe(JSON.stringify(m.message));
      const damaged = items.filter((it) => it.how !== 'none').length;
      const rejections = events.filter((e) => e.kind === 'rejected' && e.reason !== 'noise').length;
      // A block that lost its FS swallows the next block up to its VT: still one rejection each.
      expect(rejections).toBe(damaged);
      expect(JSON.stringify(events.map(comparable))).toBe(JSON.stringify(decodeAll([stream]).map(comparable)));
    }), { numRuns: 80 });
  });
});
