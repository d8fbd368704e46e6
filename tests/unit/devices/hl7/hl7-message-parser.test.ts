import { describe, expect, it } from 'vitest';
import { DecodedReadingSchema } from '../../../../common/domain/devices';
import { parseHl7Message } from '../../../../main/devices/hl7/hl7-message-parser';
import { Hl7ParseError } from '../../../../main/devices/hl7/hl7-parse-error';
import type { Hl7MessageDetail } from '../../../../main/devices/hl7/hl7-message-parser';
import { encoded, hl7, oru } from './hl7-test-kit';

const parse = (text: string, encoding: 'latin1' | 'utf8' | 'shift_jis' = 'utf8', codeMap?: Record<string, string>) =>
  parseHl7Message(encoded(text, encoding), { encoding, codeMap });

describe('HL7 message parsing: header and structure', () => {
  it('reads type, control id, patient, sample and detail of an ORU^R01', () => {
    const message = parse(oru('CTRL-1', ['OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|262688^MDC_DIM_PERCENT^MDC|||||F']));
    expect(message).toMatchObject({ protocol: 'hl7', type: 'ORU^R01', messageId: 'CTRL-1', patientId: 'PAT-1', sampleId: 'FI-1' });
    const detail = message.detail as Hl7MessageDetail;
    expect(detail.segments.map((s) => s[0])).toEqual(['MSH', 'PID', 'OBR', 'OBX']);
    expect(detail.segments[0]?.[10]).toBe('CTRL-1');
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
    for (const r of message.readings) expect(DecodedReadingSchema.parse(r)).toEqual(r);
  });

  it('takes the placer order number as sample id when there is no filler number', () => {
    const message = parse(hl7(['MSH|^~\\&|A|B|C|D|20250101||ORU^R01|1|P|2.5', 'OBR|1|PLACER-9||X']));
    expect(message.sampleId).toBe('PLACER-9');
  });

  it('reads an ORU without OBX as a message with no readings', () => {
    const message = parse(oru('EMPTY'));
    expect(message.type).toBe('ORU^R01');
    expect(message.readings).toEqual([]);
  });

  it('splits segments on CR, LF or CRLF alike', () => {
    const cr = parse(oru('X', ['OBX|1|NM|8867-4^Heart rate^LN||72|/min']));
    const lf = parse(oru('X', ['OBX|1|NM|8867-4^Heart rate^LN||72|/min']).replace(/\r/g, '\n'));
    const crlf = parse(oru('X', ['OBX|1|NM|8867-4^Heart rate^LN||72|/min']).replace(/\r/g, '\r\n'));
    expect(lf.readings).toEqual(cr.readings);
    expect(crlf.readings).toEqual(cr.readings);
  });

  it('takes the delimiters from MSH-1 and MSH-2, whatever they are', () => {
    const message = parse(hl7([
      'MSH#$*!%#MON#WARD#AIPC#CLINIC#20250115080000##ORU$R01#C!F!7#P#2.6',
      'PID#1##PAT$$$MRN*OTHER',
      'OBR#1##FILL!S!1',
      'OBX#1#NM#150020$MDC_PRESS_BLD_NONINV$MDC##120$80$93#266016$MDC_DIM_MMHG$MDC#####F',
      'NTE#1##a | b ^ c ! d!T!e',
    ]));
    expect(message).toMatchObject({ type: 'ORU^R01', messageId: 'C#7', patientId: 'PAT', sampleId: 'FILL$1' });
    expect(message.readings.map((r) => [r.loinc, r.value])).toEqual([['8480-6', '120'], ['8462-4', '80'], ['8478-0', '93']]);
    expect(message.readings[0]?.comments).toEqual(['a | b ^ c ! d%e']);
  });

  it.each([
    ['no MSH at all', 'PID|1||X\r', 'no-msh'],
    ['an empty block', '\r\n', 'empty'],
    ['a letter as field separator', 'MSHA^~\\&A\r', 'bad-delimiters'],
    ['repeated separators', 'MSH|^^\\&|A\r', 'bad-delimiters'],
    ['no encoding characters', 'MSH||A|B\r', 'bad-delimiters'],
  ])('throws a typed Hl7ParseError for %s', (_name, text, reason) => {
    let caught: unknown;
    try {
      parse(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Hl7ParseError);
    expect((caught as Hl7ParseError).reason).toBe(reason);
  });
});

describe('HL7 message parsing: escape sequences', () => {
  it('resolves \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ and \\X..\\, and passes formatting commands through', () => {
    const message = parse(oru('E', [
      'OBX|1|ST|NOTE^Note^L||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X0D0A\\g\\.br\\h\\H\\i',
    ]));
    expect(message.readings[0]?.value).toBe('a|b^c&d~e\\f\r\ng\\.br\\h\\H\\i');
  });

  it('resolves escapes in ids, units, ranges and comments', () => {
    const message = parse(hl7([
      'MSH|^~\\&|A|B|C|D|20250101||ORU^R01|ID\\F\\1|P|2.5',
      'PID|1||P\\S\\1',
      'OBX|1|NM|GLU^Glucose^L||95|mg/dL|70\\T\\110',
      'NTE|1||fasting \\E\\ morning',
    ]));
    expect(message.messageId).toBe('ID|1');
    expect(message.patientId).toBe('P^1');
    expect(message.readings[0]).toMatchObject({ referenceRange: '70&110', comments: ['fasting \\ morning'] });
  });

  it('keeps an unterminated escape as sent', () => {
    expect(parse(oru('E', ['OBX|1|ST|X^X^L||back\\slash'])).readings[0]?.value).toBe('back\\slash');
  });
});

describe('HL7 message parsing: observations', () => {
  it('maps MDC, LOINC and local codes to LOINC and units to UCUM, keeping code and unit as sent', () => {
    const message = parse(oru('M', [
      'OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|262688^MDC_DIM_PERCENT^MDC|||||F',
      'OBX|2|NM|8867-4^Heart rate^LN||72|bpm|||||F',
      'OBX|3|NM|GLU^Glucose^L||95|mg/dl|||||F',
      'OBX|4|NM|TMP^Temperature^99XYZ||36.6|Cel|||||F',
      'OBX|5|NM|999999^MDC_ECG_HEART_RATE^MDC||71|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F',
      'OBX|6|NM|RR^Resp^L^9279-1^Respiratory rate^LN||16|/min|||||F',
      'OBX|7|NM|XYZ^Unknown^99XYZ||1|things|||||F',
    ]), 'utf8', { TMP: '8310-5' });
    expect(message.readings.map((r) => [r.code, r.codeSystem, r.loinc, r.unit, r.ucum])).toEqual([
      ['150456', 'MDC', '59408-5', 'MDC_DIM_PERCENT', '%'],
      ['8867-4', 'LN', '8867-4', 'bpm', '/min'],
      ['GLU', 'L', '2345-7', 'mg/dl', 'mg/dL'],
      ['TMP', '99XYZ', '8310-5', 'Cel', 'Cel'],
      ['999999', 'MDC', '8867-4', 'MDC_DIM_BEAT_PER_MIN', '/min'],
      ['RR', 'L', '9279-1', '/min', '/min'],
      ['XYZ', '99XYZ', null, 'things', null],
    ]);
  });

  it('splits an NIBP OBX with components into systolic, diastolic and mean readings', () => {
    const message = parse(oru('N', [
      'OBX|1|NM|150020^MDC_PRESS_BLD_NONINV^MDC|1.2.1|120^80^93|266016^MDC_DIM_MMHG^MDC|||||F|||20250115080000',
      'NTE|1||left arm',
    ]));
    expect(message.readings.map((r) => ({ code: r.code, loinc: r.loinc, value: r.value, unit: r.unit, ucum: r.ucum, comments: r.comments }))).toEqual([
      { code: '150021', loinc: '8480-6', value: '120', unit: 'MDC_DIM_MMHG', ucum: 'mm[Hg]', comments: ['left arm'] },
      { code: '150022', loinc: '8462-4', value: '80', unit: 'MDC_DIM_MMHG', ucum: 'mm[Hg]', comments: ['left arm'] },
      { code: '150023', loinc: '8478-0', value: '93', unit: 'MDC_DIM_MMHG', ucum: 'mm[Hg]', comments: ['left arm'] },
    ]);
  });

  it('reads NIBP sent as a panel header and separate OBX with sub-ids', () => {
    const message = parse(oru('N', [
      'OBX|1|NM|150020^MDC_PRESS_BLD_NONINV^MDC|1.2.1||||||F',
      'OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.2.1.1|118|266016^MDC_DIM_MMHG^MDC|||||F',
      'OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.2.1.2|76|266016^MDC_DIM_MMHG^MDC|||||F',
      'OBX|4|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.2.1.3|90|266016^MDC_DIM_MMHG^MDC|||||F',
    ]));
    expect(message.readings.map((r) => [r.loinc, r.value, r.ucum])).toEqual([
      ['8480-6', '118', 'mm[Hg]'], ['8462-4', '76', 'mm[Hg]'], ['8478-0', '90', 'mm[Hg]'],
    ]);
  });

  it('keeps values exactly as sent, precision included', () => {
    const message = parse(oru('P', [
      'OBX|1|NM|150344^MDC_TEMP^MDC||37.0|Cel',
      'OBX|2|NM|GLU^Glucose^L||095.50|mg/dL',
      'OBX|3|NM|8867-4^HR^LN||+72|/min',
    ]));
    expect(message.readings.map((r) => r.value)).toEqual(['37.0', '095.50', '+72']);
    expect(message.readings.every((r) => r.flags.length === 0)).toBe(true);
  });

  it('attaches NTE comments to the OBX they follow', () => {
    const message = parse(oru('C', [
      'OBX|1|NM|150456^^MDC||97|%',
      'NTE|1||probe on finger',
      'NTE|2||second~line',
      'OBX|2|NM|149530^^MDC||70|/min',
      'OBX|3|NM|150344^^MDC||36.9|Cel',
      'NTE|1||oral',
    ]));
    expect(message.readings.map((r) => r.comments)).toEqual([['probe on finger', 'second\nline'], [], ['oral']]);
  });

  it('flags abnormal results, result status and values that are not numbers', () => {
    const message = parse(oru('F', [
      'OBX|1|NM|GLU^^L||40|mg/dL|70-110|LL|||F',
      'OBX|2|NM|GLU^^L||130|mg/dL|70-110|H|||P',
      'OBX|3|NM|GLU^^L||90|mg/dL|70-110|N|||C',
      'OBX|4|NM|GLU^^L||>500|mg/dL|70-110|HH~A|||F',
      'OBX|5|NM|GLU^^L||||||||X',
      'OBX|6|NM|GLU^^L||60|mg/dL||L|||W',
      'OBX|7|NM|GLU^^L||61|mg/dL||AA',
    ]));
    expect(message.readings.map((r) => r.flags)).toEqual([
      ['critical-low'], ['high', 'preliminary'], ['corrected'], ['critical-high', 'abnormal', 'invalid'],
      ['invalid', 'no-reading'], ['low', 'invalid'], ['abnormal'],
    ]);
    expect(message.readings[0]?.referenceRange).toBe('70-110');
  });

  it('reads OBX-14 with and without offset, falling back to OBR-7', () => {
    const message = parse(hl7([
      'MSH|^~\\&|A|B|C|D|20250101||ORU^R01|T|P|2.5',
      'OBR|1||S||||20250115073000',
      'OBX|1|NM|8867-4^^LN||70|/min|||||F|||20250115080512+0100',
      'OBX|2|NM|8867-4^^LN||71|/min|||||F|||202501150806',
      'OBX|3|NM|8867-4^^LN||72|/min|||||F|||20250115080700.25-0530',
      'OBX|4|NM|8867-4^^LN||73|/min|||||F',
      'OBX|5|NM|8867-4^^LN||74|/min|||||F|||20251315',
    ]));
    expect(message.readings.map((r) => r.observedAt)).toEqual([
      '2025-01-15T08:05:12+01:00', '2025-01-15T08:06:00', '2025-01-15T08:07:00.25-05:30', '2025-01-15T07:30:00', '2025-01-15T07:30:00',
    ]);
  });
});

describe('HL7 message parsing: text encodings', () => {
  const withName = (name: string, charset = '') => hl7([
    `MSH|^~\\&|A|B|C|D|20250101||ORU^R01|N|P|2.5||||||${charset}`,
    `PID|1||P1||${name}`,
    `OBX|1|ST|NAME^^L||${name.replace('^', ' ')}`,
  ]);
  const pid5 = (m: ReturnType<typeof parse>) => (m.detail as Hl7MessageDetail).segments[1]?.[5];

  it.each([
    ['latin1', 'Müller^Jürgen'],
    ['utf8', 'Ødegård^Zoë 王'],
    ['shift_jis', '山田^表示'],
  ] as const)('decodes %s text with the device encoding', (encoding, name) => {
    const message = parse(withName(name), encoding);
    expect(pid5(message)).toBe(name);
    expect(message.readings[0]?.value).toBe(name.replace('^', ' '));
  });

  it('does not split Shift-JIS characters whose second byte is a backslash or a bar', () => {
    // 表 is 0x95 0x5C and ポ is 0x83 0x7C in Shift-JIS: bytes that equal "\" and "|".
    const message = parse(withName('表^ポ'), 'shift_jis');
    expect(pid5(message)).toBe('表^ポ');
  });

  it('follows MSH-18 when it names the charset, the device setting otherwise', () => {
    const text = withName('Müller^Jürgen', 'UNICODE UTF-8');
    expect(pid5(parseHl7Message(encoded(text, 'utf8'), { encoding: 'latin1' }))).toBe('Müller^Jürgen');
    const unsure = withName('Müller^Jürgen', 'VENDOR-X');
    expect(pid5(parseHl7Message(encoded(unsure, 'latin1'), { encoding: 'latin1' }))).toBe('Müller^Jürgen');
  });
});
