import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextEncoding } from '../../../../common/domain/devices';
import { DEFAULT_HL7_DELIMITERS, type Hl7Delimiters } from '../../../../main/devices/hl7/hl7-delimiters';
import { escapeHl7, unescapeHl7 } from '../../../../main/devices/hl7/hl7-escape';
import { parseHl7Message } from '../../../../main/devices/hl7/hl7-message-parser';
import { buildOruMessage, type OruMessageInput } from '../../../../main/devices/hl7/hl7-oru-builder';

const ODD: Hl7Delimiters = { field: '#', component: '$', repeat: '*', escape: '!', subcomponent: '%' };

describe('HL7 escaping', () => {
  it('escapes every separator and control characters', () => {
    expect(escapeHl7('a|b^c&d~e\\f\rg\x0bh\x1c', DEFAULT_HL7_DELIMITERS)).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X0D\\g\\X0B\\h\\X1C\\');
    expect(escapeHl7('plain text', DEFAULT_HL7_DELIMITERS)).toBe('plain text');
  });

  it('uses the message\'s own escape character', () => {
    expect(escapeHl7('a#b$c!d', ODD)).toBe('a!F!b!S!c!E!d');
    expect(unescapeHl7('a!F!b!S!c!E!d', ODD, 'utf8')).toBe('a#b$c!d');
  });
});

/** Strings each encoding can carry. */
const textFor: Record<TextEncoding, fc.Arbitrary<string>> = {
  utf8: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  latin1: fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }),
  shift_jis: fc.string({
    unit: fc.oneof(fc.constantFrom('山', '田', '表', 'ポ', 'ー', 'ソ', '能', '｢', '\\', '|', '^', '~', '&', '\r', '\n', ' '), fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))),
    minLength: 1,
    maxLength: 40,
  }),
};

function messageWith(s: string): OruMessageInput {
  return {
    controlId: s,
    timestamp: '20250115080000',
    patient: { id: s },
    order: { fillerId: s },
    observations: [{ valueType: 'ST', code: 'NOTE', system: 'L', value: s, unit: s, referenceRange: s, comments: [s] }],
  };
}

describe('HL7 escaping round trip through the builder and the parser', () => {
  for (const encoding of ['utf8', 'latin1', 'shift_jis'] as const) {
    for (const [name, delimiters] of [['default', DEFAULT_HL7_DELIMITERS], ['unusual', ODD]] as const) {
      it(`returns any ${encoding} string unchanged with ${name} delimiters`, () => {
        fc.assert(fc.property(textFor[encoding], (s) => {
          const message = parseHl7Message(buildOruMessage(messageWith(s), { encoding, delimiters }), { encoding });
          expect(message.messageId).toBe(s);
          expect(message.patientId).toBe(s);
          expect(message.sampleId).toBe(s);
          expect(message.readings).toHaveLength(1);
          expect(message.readings[0]).toMatchObject({ value: s, unit: s, referenceRange: s, comments: [s] });
        }), { numRuns: 25 });
      });
    }
  }
});
