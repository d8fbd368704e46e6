import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compactName,
  compareNames,
  damerauLevenshtein,
  foldText,
  nameWords,
  phoneDigits,
  samePhone,
  withinOneEdit,
} from '../../../common/domain/patient-names';

const letters = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 0, maxLength: 12 });
const name = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 12 });
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };

/** One random edit: insert, delete, substitute or swap two neighbours. */
const oneEdit = (s: string) =>
  fc.tuple(fc.nat(), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.constantFrom('insert', 'delete', 'substitute', 'swap')).map(([n, c, kind]) => {
    const i = s.length === 0 ? 0 : n % s.length;
    if (kind === 'insert') return s.slice(0, i) + c + s.slice(i);
    if (kind === 'delete') return s.slice(0, i) + s.slice(i + 1);
    if (kind === 'substitute') return s.slice(0, i) + c + s.slice(i + 1);
    return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  });

describe('name folding', () => {
  it('ignores accents, case, punctuation and spacing', () => {
    expect(foldText('MARÍA José Ñúñez')).toBe('maría josé ñúñez'.normalize('NFD').replace(/\p{M}/gu, ''));
    expect(nameWords('  Anne-Marie   O’Brien ')).toEqual(['anne', 'marie', 'obrien']);
    expect(nameWords('Øyvind Łukasz Straße')).toEqual(['oyvind', 'lukasz', 'strasse']);
    expect(compactName('de la Cruz')).toBe(compactName('Delacruz'));
  });

  it('gives the same words for a name with accents and upper case as without', () => {
    fc.assert(
      fc.property(name, name, (given, family) => {
        const accented = [...`${given} ${family}`].map((c) => ACCENTED[c] ?? c).join('').toUpperCase();
        expect(nameWords(accented)).toEqual(nameWords(`${given} ${family}`));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });
});

describe('edit distance', () => {
  it('agrees with the full Damerau–Levenshtein table on "at most one edit"', () => {
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1);
      }),
    );
  });

  it('is a distance: zero only for equal strings, symmetric', () => {
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        expect(damerauLevenshtein(a, b) === 0).toBe(a === b);
        expect(damerauLevenshtein(a, b)).toBe(damerauLevenshtein(b, a));
        expect(damerauLevenshtein(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('counts any single insertion, deletion, substitution or swap as at most one edit', () => {
    fc.assert(
      fc.property(letters.chain((s) => fc.tuple(fc.constant(s), oneEdit(s))), ([s, t]) => {
        expect(withinOneEdit(s, t)).toBe(true);
      }),
    );
  });

  it('knows classic cases', () => {
    expect(damerauLevenshtein('garcia', 'garica')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(withinOneEdit('smith', 'smyth')).toBe(true);
    expect(withinOneEdit('smith', 'smythe')).toBe(false);
  });
});

describe('likely the same name', () => {
  it('matches a name with one typo in each part, in any case and accent', () => {
    fc.assert(
      fc.property(
        name.chain((g) => fc.tuple(fc.constant(g), oneEdit(g))),
        name.chain((f) => fc.tuple(fc.constant(f), oneEdit(f))),
        ([given, givenTypo], [family, familyTypo]) => {
          fc.pre(givenTypo.length > 0 && familyTypo.length > 0);
          const a = { givenName: given, familyName: family };
          const b = { givenName: givenTypo.toUpperCase(), familyName: [...familyTypo].map((c) => ACCENTED[c] ?? c).join('') };
          expect(compareNames(a, b)).not.toBeNull();
          expect(compareNames(b, a)).not.toBeNull();
        },
      ),
    );
  });

  it('matches swapped given and family names', () => {
    fc.assert(
      fc.property(name, name, (given, family) => {
        const match = compareNames({ givenName: given, familyName: family }, { givenName: family, familyName: given });
        expect(match).not.toBeNull();
      }),
    );
    expect(compareNames({ givenName: 'María', familyName: 'García' }, { givenName: 'Garcia', familyName: 'Maria' })).toBe('swapped');
  });

  it('does not match names two edits apart in the family name', () => {
    fc.assert(
      fc.property(name, name, name, (given, family, other) => {
        fc.pre(damerauLevenshtein(family, other) >= 2 && damerauLevenshtein(given, other) >= 2 && damerauLevenshtein(given, family) >= 2);
        expect(compareNames({ givenName: given, familyName: family }, { givenName: given, familyName: other })).toBeNull();
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(name, name, name, name, (g1, f1, g2, f2) => {
        const a = { givenName: g1, familyName: f1 };
        const b = { givenName: g2, familyName: f2 };
        expect(compareNames(a, b) === null).toBe(compareNames(b, a) === null);
      }),
    );
  });

  it('says how the names match', () => {
    expect(compareNames({ givenName: 'Maria', familyName: 'Garcia' }, { givenName: 'MARÍA', familyName: 'garcía' })).toBe('same');
    expect(compareNames({ givenName: 'Maria', familyName: 'Garcia' }, { givenName: 'Mraia', familyName: 'Garcia' })).toBe('typo');
    expect(compareNames({ givenName: 'Maria José', familyName: 'Garcia' }, { givenName: 'Maria', familyName: 'Garcia' })).toBe('typo');
    expect(compareNames({ givenName: 'Maria', familyName: 'Garcia' }, { givenName: 'Marta', familyName: 'Gomez' })).toBeNull();
    expect(compareNames({ givenName: '—', familyName: 'Garcia' }, { givenName: '—', familyName: 'Garcia' })).toBeNull();
  });
});

describe('phones', () => {
  it('compares digits, with or without a country prefix', () => {
    expect(phoneDigits('+1 (555) 555-0134')).toBe('15555550134');
    expect(samePhone('+1 555 555 0134', '555-555-0134')).toBe(true);
    expect(samePhone('555 555 0134', '555 555 0135')).toBe(false);
    expect(samePhone('0134', '0134')).toBe(false); // too short to say
  });
});
