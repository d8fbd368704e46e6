import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMrn, mrnFrame, mrnPatternProblem, parseMrnPattern, sequenceOf } from '../../../common/domain/mrn-pattern';

function frameOf(pattern: string, year = 2026) {
  const parsed = parseMrnPattern(pattern);
  if (!parsed.ok) throw new Error(parsed.message);
  return mrnFrame(parsed.parts, year);
}

describe('MRN pattern', () => {
  it('renders the sequence zero-padded with the year', () => {
    expect(formatMrn(frameOf('MRN{seq:6}'), 123)).toBe('MRN000123');
    expect(formatMrn(frameOf('{yyyy}-{seq:5}'), 42)).toBe('2026-00042');
    expect(formatMrn(frameOf('{yy}/{seq:4}-A'), 7)).toBe('26/0007-A');
  });

  it('refuses patterns without exactly one sequence, with unknown placeholders or odd characters', () => {
    expect(mrnPatternProblem('MRN')).toMatch(/exactly one sequence/);
    expect(mrnPatternProblem('{seq:6}{seq:6}')).toMatch(/exactly one sequence/);
    expect(mrnPatternProblem('MRN{seq:2}')).toMatch(/3 to 12 digits/);
    expect(mrnPatternProblem('MRN{id}')).toMatch(/Unknown placeholder/);
    expect(mrnPatternProblem('mrn{seq:6}')).toMatch(/upper-case/);
    expect(mrnPatternProblem('MRN{seq:6')).toMatch(/unmatched/);
    expect(mrnPatternProblem("'; DROP TABLE patients; --")).not.toBeNull();
    expect(mrnPatternProblem('MRN{seq:6}')).toBeNull();
  });

  it('reads back the sequence of every MRN it makes, and runs out at the width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 999 }), fc.constantFrom('MRN', 'P-', ''), (width, seq, prefix) => {
        const frame = frameOf(`${prefix}{seq:${width}}`);
        const mrn = formatMrn(frame, seq)!;
        expect(mrn).toHaveLength(prefix.length + width);
        expect(sequenceOf(frame, mrn)).toBe(seq);
      }),
    );
    expect(formatMrn(frameOf('MRN{seq:3}'), 1000)).toBeNull();
    expect(sequenceOf(frameOf('MRN{seq:6}'), 'MRN00012X')).toBeNull();
  });

  it('orders MRNs of one frame as their numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        const frame = frameOf('MRN{seq:6}');
        expect(Math.sign(formatMrn(frame, a)!.localeCompare(formatMrn(frame, b)!, 'en', { numeric: false }))).toBe(Math.sign(a - b));
      }),
    );
  });
});
