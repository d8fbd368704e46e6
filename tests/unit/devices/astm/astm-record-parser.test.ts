import { describe, expect, it } from 'vitest';
import { astmDriver } from '../../../../main/devices/astm/astm-driver';
import type { AstmMessageDetail } from '../../../../main/devices/astm/astm-message-parser';
import { encodeAstmMessage } from '../../../../main/devices/astm/astm-message-encoder';
import { DEFAULT_ASTM_DELIMITERS, delimitersFromHeader, unescapeAstm } from '../../../../main/devices/astm/astm-record-parser';
import type { TextEncoding } from '../../../../common/domain/devices';

const parse = (records: string[], encoding: TextEncoding = 'latin1', codeMap?: Record<string, string>) =>
  astmDriver.parse(encodeAstmMessage(records, { encoding }), { encoding, codeMap });

const LAB_MESSAGE = [
  'H|\\^&|MSG-0042||Cobas^1.0|||||LIS||P|LIS2-A2|20240315083000',
  'P|1|PRAC-77|LAB-88||Doe^Jane||19800101|F',
  'O|1|SID-1001||^^^GLU\\^^^K|R',
  'R|1|^^^GLU|5.60|mmol/L|3.90 to 6.10|N||F||||20240315081500',
  'R|2|^^^K|6.8|mmol/L|3.5 to 5.1|HH||F',
  'C|1|I|Haemolysed^re-check|G',
  'C|2|I|Called ward|G',
  'P|2||LAB-99',
  'O|1|SID-1002',
  'R|1|^^^HGB^1^WB|13.20|g/dL|12.0 to 16.0|L||C||||20240315082000',
  'L|1|N',
];

describe('ASTM E1394 record parsing', () => {
  it('associates results with the preceding order and patient, comments with the preceding result', () => {
    const m = parse(LAB_MESSAGE);
    expect(m).toMatchObject({ protocol: 'astm', type: 'ASTM', messageId: 'MSG-0042', patientId: 'PRAC-77', sampleId: 'SID-1001' });
    expect(m.readings).toHaveLength(3);
    const [glu, k, hgb] = m.readings;
    expect(glu).toEqual({
      protocol: 'astm', code: 'GLU', codeSystem: null, display: 'Glucose [Mass/volume] in Serum or Plasma', loinc: '2345-7',
      ucum: 'mmol/L', value: '5.60', unit: 'mmol/L', flags: [], referenceRange: '3.90 to 6.10', comments: [],
      patientId: 'PRAC-77', sampleId: 'SID-1001', messageId: 'MSG-0042', observedAt: '2024-03-15T08:15:00',
    });
    expect(k).toMatchObject({ code: 'K', loinc: '2823-3', value: '6.8', flags: ['critical-high'], comments: ['Haemolysed re-check', 'Called ward'], observedAt: '2024-03-15T08:30:00' });
    // P-3 is empty for the second patient, so the laboratory id (P-4) is used.
    expect(hgb).toMatchObject({ code: 'HGB^1^WB', loinc: '718-7', value: '13.20', flags: ['low', 'corrected'], patientId: 'LAB-99', sampleId: 'SID-1002' });
  });

  it('keeps values exactly as sent', () => {
    const m = parse(['H|\\^&', 'R|1|^^^NA|140.0|mmol/L', 'R|2|^^^X1|0.50|', 'R|3|^^^CRP|<0.5|mg/L', 'L|1']);
    expect(m.readings.map((r) => r.value)).toEqual(['140.0', '0.50', '<0.5']);
    expect(m.readings.map((r) => r.flags)).toEqual([[], [], []]);
  });

  it.each([
    ['L', ['low']], ['H', ['high']], ['LL', ['critical-low']], ['HH', ['critical-high']], ['<', ['low']], ['>', ['high']],
    ['N', []], ['A', ['abnormal']], ['AA', ['abnormal']], ['', []],
  ])('maps abnormal flag %j', (flag, flags) => {
    expect(parse(['H|\\^&', `R|1|^^^GLU|90|mg/dL||${flag}||F`, 'L|1']).readings[0]?.flags).toEqual(flags);
  });

  it.each([
    ['F', []], ['P', ['preliminary']], ['C', ['corrected']], ['X', ['invalid']],
  ])('maps result status %j', (status, flags) => {
    expect(parse(['H|\\^&', `R|1|^^^GLU|90|mg/dL||||${status}`, 'L|1']).readings[0]?.flags).toEqual(flags);
  });

  it('flags a non-numeric value of a numeric test as invalid, but not a qualitative result', () => {
    const m = parse(['H|\\^&', 'R|1|^^^GLU|****|mg/dL', 'R|2|^^^GLU||mg/dL', 'R|3|^^^HIV|NEG|', 'R|4|^^^K|---', 'L|1']);
    expect(m.readings.map((r) => r.flags)).toEqual([['invalid'], ['invalid'], [], ['invalid']]);
  });

  it('takes delimiters from the H record and honours escapes in that set', () => {
    const m = parse([
      'H!~$%!MSG%F%7',
      'P!1!!PAT$X',
      'O!1!SMP%S%1',
      'R!1!$$$GLU$extra!1%S%2!mg/dL!70%R%99!H~A!!F',
      'C!1!I!a%F%b%E%c%X41%!G',
      'L!1',
    ]);
    expect((m.detail as AstmMessageDetail).delimiters).toEqual({ field: '!', repeat: '~', component: '$', escape: '%' });
    expect(m.messageId).toBe('MSG!7');
    expect(m.patientId).toBe('PAT');
    expect(m.sampleId).toBe('SMP$1');
    expect(m.readings[0]).toMatchObject({ code: 'GLU^extra', loinc: '2345-7', value: '1$2', referenceRange: '70~99', flags: ['high', 'abnormal', 'invalid'], comments: ['a!b%cA'] });
  });

  it('unescapes the standard sequences and keeps unknown ones', () => {
    const d = DEFAULT_ASTM_DELIMITERS;
    expect(unescapeAstm('a&F&b&S&c&R&d&E&e&X0D0A&f', d)).toBe('a|b^c\\d&e\r\nf');
    expect(unescapeAstm('R&D dept & co', d)).toBe('R&D dept & co');
    expect(delimitersFromHeader('H|\\^&|||')).toEqual(d);
    expect(delimitersFromHeader('H|^^&')).toBeNull();
  });

  it('maps codes through the device code map and units to UCUM', () => {
    const m = parse(['H|\\^&', 'R|1|^^^A17|7.45|10^3/uL', 'L|1'], 'latin1', { A17: '6690-2' });
    expect(m.readings[0]).toMatchObject({ code: 'A17', loinc: '6690-2', ucum: '10*3/uL', unit: '10^3/uL', codeSystem: null });
  });

  it('uses the header time when a result has no completion time', () => {
    const m = parse(['H|\\^&||||||||||||20240102030405', 'R|1|^^^GLU|90|mg/dL', 'L|1']);
    expect(m.readings[0]?.observedAt).toBe('2024-01-02T03:04:05');
    expect(parse(['H|\\^&', 'R|1|^^^GLU|90|mg/dL', 'L|1']).readings[0]?.observedAt).toBeNull();
  });

  it.each(['utf8', 'shift_jis'] as const)('decodes %s patient names after checking the bytes, also across ETB frames', (encoding) => {
    const records = ['H|\\^&|M1', 'P|1||P-1||山田^太郎^ミドル||19800101|M', 'R|1|^^^GLU|99|mg/dL', 'L|1'];
    for (const maxFrameText of [240, 5, 7]) {
      const raw = encodeAstmMessage(records, { encoding, maxFrameText });
      const m = astmDriver.parse(raw, { encoding });
      const patient = (m.detail as AstmMessageDetail).records.find((r) => r.type === 'P');
      expect(patient?.fields[5]).toBe('山田^太郎^ミドル');
      expect(m.patientId).toBe('P-1');
    }
  });

  it('reads Latin-1 names as Latin-1', () => {
    const m = parse(['H|\\^&', 'P|1||P-2||Müller^Jürgen', 'L|1']);
    expect((m.detail as AstmMessageDetail).records[1]?.fields[5]).toBe('Müller^Jürgen');
  });

  it('rejects bytes that are not valid in the configured encoding', () => {
    const raw = encodeAstmMessage(['H|\\^&', 'P|1||P-2||Müller', 'L|1'], { encoding: 'latin1' });
    expect(() => astmDriver.parse(raw, { encoding: 'utf8' })).toThrow(/not valid utf8/);
  });

  it('reads a message whose records all travel in one huge CR-separated frame', () => {
    const raw = encodeAstmMessage(LAB_MESSAGE, { encoding: 'latin1', singleFrame: true });
    expect(astmDriver.parse(raw, { encoding: 'latin1' })).toEqual(parse(LAB_MESSAGE));
  });
});
