import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePatientQuery, type PatientQueryTerm } from '../../../common/domain/patient-search-query';

const terms = (q: string): PatientQueryTerm[] => parsePatientQuery(q).terms;

describe('search box input', () => {
  it('reads name words in any order, without accents or case', () => {
    expect(terms('garcia maria')).toEqual([
      { kind: 'name', word: 'garcia' },
      { kind: 'name', word: 'maria' },
    ]);
    expect(terms('  María   GARCÍA ')).toEqual([
      { kind: 'name', word: 'maria' },
      { kind: 'name', word: 'garcia' },
    ]);
    expect(terms('García, María')).toEqual(terms('garcia maria'));
  });

  it('reads MRNs as codes and digit runs', () => {
    expect(terms('MRN000123')).toEqual([{ kind: 'code', code: 'mrn000123' }]);
    expect(terms('000123')).toEqual([{ kind: 'number', digits: '000123', dates: [] }]);
  });

  it('reads dates of birth in the usual spellings', () => {
    const only = (dates: string[]) => [{ kind: 'date', dates }];
    expect(terms('1984-03-07')).toEqual(only(['1984-03-07']));
    expect(terms('7.3.1984')).toEqual(only(['1984-03-07']));
    expect(terms('07/03/1984')).toEqual(only(['1984-03-07', '1984-07-03'])); // ambiguous: both
    expect(terms('03/07/1984')).toEqual(only(['1984-07-03', '1984-03-07']));
    expect(terms('25/12/1984')).toEqual(only(['1984-12-25'])); // 25 cannot be a month
    expect(terms('1984/3/7')).toEqual(only(['1984-03-07']));
    expect(terms('31.02.1984')).toEqual([{ kind: 'number', digits: '31021984', dates: [] }]); // no such day
    expect(terms('19840307')).toEqual([{ kind: 'number', digits: '19840307', dates: ['1984-03-07'] }]);
    expect(terms('garcia 07/03/1984')).toEqual([
      { kind: 'name', word: 'garcia' },
      { kind: 'date', dates: ['1984-03-07', '1984-07-03'] },
    ]);
  });

  it('joins phone groups into one digit run', () => {
    expect(terms('555 0134')).toEqual([{ kind: 'number', digits: '5550134', dates: [] }]);
    expect(terms('(555) 555-0134')).toEqual([{ kind: 'number', digits: '5555550134', dates: [] }]);
    expect(terms('+1 555 555 0134')).toEqual([{ kind: 'number', digits: '15555550134', dates: [] }]);
  });

  it('finds nothing to search for in blank or punctuation-only text', () => {
    expect(terms('')).toEqual([]);
    expect(terms('  -- ** ;; ')).toEqual([]);
  });

  it('never throws, and keeps terms folded, bounded and free of FTS syntax', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parsePatientQuery(text);
        expect(parsed.terms.length).toBeLessThanOrEqual(8);
        for (const t of parsed.terms) {
          const value = t.kind === 'name' ? t.word : t.kind === 'code' ? t.code : t.kind === 'number' ? t.digits : t.dates.join('');
          expect(value).not.toMatch(/["*(){}:^\s]/);
          if (t.kind === 'date') for (const d of t.dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
    );
  });

  it('reads any ISO date typed day-first with dots as that one date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(terms(iso)).toEqual([{ kind: 'date', dates: [iso] }]);
        expect(terms(`${Number(d)}.${Number(m)}.${y}`)).toEqual([{ kind: 'date', dates: [iso] }]);
        const slashed = terms(`${d}/${m}/${y}`)[0];
        expect(slashed?.kind === 'date' && slashed.dates.includes(iso)).toBe(true);
      }),
    );
  });
});
