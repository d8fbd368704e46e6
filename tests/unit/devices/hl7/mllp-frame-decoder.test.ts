import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MllpFrameDecoder, type MllpFrameEvent } from '../../../../main/devices/hl7/mllp-frame-decoder';
import { frameMllp } from '../../../../main/devices/hl7/frame-mllp';
import { concat, splitAt } from './hl7-test-kit';

const text = (s: string) => Buffer.from(s, 'latin1');

function decodeAll(chunks: Uint8Array[], options?: { maxBlockBytes?: number }): MllpFrameEvent[] {
  const decoder = new MllpFrameDecoder(options);
  return [...chunks.flatMap((c) => decoder.push(c)), ...decoder.end()];
}

/** Events with raw bytes as strings and no `head`, for comparisons. */
function summary(events: MllpFrameEvent[]) {
  return events.map((e) => (e.kind === 'block' ? { block: Buffer.from(e.raw).toString('latin1') } : { rejected: e.reason, bytes: e.byteCount }));
}

describe('MLLP framing', () => {
  it('yields every block of a chunk holding several', () => {
    const stream = concat(frameMllp(text('MSH|one')), frameMllp(text('MSH|two')), frameMllp(text('MSH|three')));
    expect(summary(decodeAll([stream]))).toEqual([{ block: 'MSH|one' }, { block: 'MSH|two' }, { block: 'MSH|three' }]);
  });

  it('reassembles one block delivered a byte at a time', () => {
    const stream = frameMllp(text('MSH|^~\\&|A\rPID|1'));
    const bytes = [...stream].map((b) => Uint8Array.of(b));
    expect(summary(decodeAll(bytes))).toEqual([{ block: 'MSH|^~\\&|A\rPID|1' }]);
  });

  it('reports a run of noise once, with its length, and keeps the blocks around it', () => {
    const stream = concat(text('junk'), frameMllp(text('A')), text('\n\n\n'), frameMllp(text('B')), text('xy'));
    expect(summary(decodeAll(splitAt(stream, [2, 9, 10])))).toEqual([
      { rejected: 'noise', bytes: 4 }, { block: 'A' }, { rejected: 'noise', bytes: 3 }, { block: 'B' }, { rejected: 'noise', bytes: 2 },
    ]);
  });

  it('rejects a block interrupted by a new VT as framing, and reads the new one', () => {
    const stream = concat(Uint8Array.of(0x0b), text('MSH|lost'), frameMllp(text('MSH|next')));
    expect(summary(decodeAll([stream]))).toEqual([{ rejected: 'framing', bytes: 8 }, { block: 'MSH|next' }]);
  });

  it('reports a block cut off by the end of the stream as truncated', () => {
    const stream = concat(frameMllp(text('A')), Uint8Array.of(0x0b), text('MSH|half'));
    expect(summary(decodeAll([stream]))).toEqual([{ block: 'A' }, { rejected: 'truncated', bytes: 8 }]);
  });

  it('rejects a block over the size limit as too-long without keeping it, then carries on', () => {
    const big = frameMllp(new Uint8Array(100).fill(0x41));
    const stream = concat(big, frameMllp(text('ok')));
    const events = decodeAll(splitAt(stream, [10, 50]), { maxBlockBytes: 64 });
    expect(summary(events)).toEqual([{ rejected: 'too-long', bytes: 100 }, { block: 'ok' }]);
    expect(events[0]?.kind === 'rejected' && events[0].head?.length).toBe(100);
  });

  it('accepts a block of exactly the size limit', () => {
    const block = frameMllp(new Uint8Array(64).fill(0x41));
    expect(summary(decodeAll([block], { maxBlockBytes: 64 }))).toEqual([{ block: 'A'.repeat(64) }]);
  });

  it('tolerates a missing CR after FS', () => {
    const stream = concat(Uint8Array.of(0x0b), text('A'), Uint8Array.of(0x1c), frameMllp(text('B')));
    expect(summary(decodeAll([stream]))).toEqual([{ block: 'A' }, { block: 'B' }]);
  });

  it('copies blocks out of the input, so a reused read buffer cannot change them', () => {
    const chunk = Buffer.from(frameMllp(text('MSH|x')));
    const [event] = new MllpFrameDecoder().push(chunk);
    chunk.fill(0);
    expect(event?.kind === 'block' && Buffer.from(event.raw).toString('latin1')).toBe('MSH|x');
  });
});

/** Block content: any bytes but the MLLP control bytes. */
const blockBody = fc.uint8Array({ minLength: 0, maxLength: 60 }).map((a) => a.filter((b) => b !== 0x0b && b !== 0x1c));
/** Noise between blocks: anything but VT (which would open a block). */
const noise = fc.uint8Array({ minLength: 0, maxLength: 20 }).map((a) => a.filter((b) => b !== 0x0b));
const cuts = fc.array(fc.nat({ max: 2000 }), { maxLength: 30 });

describe('MLLP framing, for any chunking', () => {
  it('gives the same blocks however the stream is split', () => {
    fc.assert(fc.property(fc.array(blockBody, { maxLength: 8 }), cuts, (bodies, cutPoints) => {
      const stream = concat(...bodies.map(frameMllp));
      const whole = summary(decodeAll([stream]));
      expect(whole).toEqual(bodies.map((b) => ({ block: Buffer.from(b).toString('latin1') })));
      expect(summary(decodeAll(splitAt(stream, cutPoints)))).toEqual(whole);
    }));
  });

  it('gives the same blocks with noise between them, the noise reported but never a block', () => {
    fc.assert(fc.property(fc.array(fc.tuple(noise, blockBody), { maxLength: 8 }), noise, cuts, (pairs, tail, cutPoints) => {
      // A noise run starting with CR right after FS would be taken as the trailer: start it otherwise.
      const safe = (n: Uint8Array) => (n[0] === 0x0d ? n.subarray(1) : n);
      const stream = concat(...pairs.flatMap(([n, b], i) => [i === 0 ? n : safe(n), frameMllp(b)]), pairs.length ? safe(tail) : tail);
      const events = decodeAll(splitAt(stream, cutPoints));
      expect(events.filter((e) => e.kind === 'block').map((e) => e.kind === 'block' && Buffer.from(e.raw).toString('latin1')))
        .toEqual(pairs.map(([, b]) => Buffer.from(b).toString('latin1')));
      const noiseBytes = events.reduce((sum, e) => sum + (e.kind === 'rejected' && e.reason === 'noise' ? e.byteCount : 0), 0);
      const expected = pairs.reduce((sum, [n], i) => sum + (i === 0 ? n : safe(n)).length, 0) + (pairs.length ? safe(tail) : tail).length;
      expect(noiseBytes).toBe(expected);
      expect(summary(events)).toEqual(summary(decodeAll([stream])));
    }));
  });

  it('never yields a truncated block, and yields every intact one exactly once', () => {
    fc.assert(fc.property(fc.array(blockBody, { minLength: 1, maxLength: 6 }), fc.nat(), cuts, (bodies, cutSeed, cutPoints) => {
      const frames = bodies.map(frameMllp);
      const victim = cutSeed % frames.length;
      // Cut the victim after its VT and before its FS: it can only be truncated or interrupted.
      const victimFrame = frames[victim]!;
      const keep = 1 + (cutSeed % Math.max(1, victimFrame.length - 3));
      const stream = concat(...frames.map((f, i) => (i === victim ? f.subarray(0, keep) : f)));
      const events = decodeAll(splitAt(stream, cutPoints));
      const blocks = events.flatMap((e) => (e.kind === 'block' ? [Buffer.from(e.raw).toString('latin1')] : []));
      expect(blocks).toEqual(bodies.filter((_, i) => i !== victim).map((b) => Buffer.from(b).toString('latin1')));
      const rejected = events.filter((e) => e.kind === 'rejected' && (e.reason === 'framing' || e.reason === 'truncated'));
      expect(rejected).toHaveLength(1);
    }));
  });
});
