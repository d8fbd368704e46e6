import { describe, expect, it } from 'vitest';
import { buildHl7Ack, buildHl7AckText, HL7_ERROR } from '../../../../main/devices/hl7/hl7-ack-builder';
import { readHl7Ack } from '../../../../main/devices/hl7/hl7-ack-reader';
import { parseHl7 } from '../../../../main/devices/hl7/hl7-message-parser';
import { MllpFrameDecoder } from '../../../../main/devices/hl7/mllp-frame-decoder';
import { encoded, hl7 } from './hl7-test-kit';

const received = (text: string) => parseHl7(encoded(text), { encoding: 'utf8' }).header;
const oruHeader = received(hl7(['MSH|^~\\&|MON^001^L|WARD|AIPC|CLINIC|20250115080000||ORU^R01^ORU_R01|MSG\\F\\42|P|2.4']));
const common = { controlId: 'A1', timestamp: '20250115080001+0100', encoding: 'utf8' as const };
const segments = (text: string) => text.split('\r').filter(Boolean).map((s) => s.split('|'));

describe('HL7 ACK builder', () => {
  it('answers AA with sender and receiver swapped, its own control id, the same version, and MSH-10 echoed', () => {
    const [msh, msa, ...rest] = segments(buildHl7AckText({ ...common, code: 'AA', received: oruHeader, receivedControlId: oruHeader.controlIdRaw }));
    expect(msh).toEqual(['MSH', '^~\\&', 'AIPC', 'CLINIC', 'MON^001^L', 'WARD', '20250115080001+0100', '', 'ACK^R01', 'A1', 'P', '2.4']);
    expect(msa).toEqual(['MSA', 'AA', 'MSG\\F\\42']);
    expect(rest).toEqual([]);
  });

  it('answers AE with the error text and an ERR segment', () => {
    const [, msa, err] = segments(buildHl7AckText({
      ...common, code: 'AE', received: oruHeader, receivedControlId: oruHeader.controlIdRaw, error: { ...HL7_ERROR.internalError, detail: 'disk full' },
    }));
    expect(msa).toEqual(['MSA', 'AE', 'MSG\\F\\42', 'Application internal error: disk full']);
    expect(err).toEqual(['ERR', '^^^207&Application internal error&HL70357', '', '207^Application internal error^HL70357', 'E']);
  });

  it('answers AR for an unreadable message with default delimiters, echoing what could be salvaged', () => {
    const [msh, msa, err] = segments(buildHl7AckText({ ...common, code: 'AR', received: null, receivedControlId: '', error: HL7_ERROR.segmentSequence }));
    expect(msh?.slice(0, 2)).toEqual(['MSH', '^~\\&']);
    expect(msa).toEqual(['MSA', 'AR', '', 'Segment sequence error']);
    expect(err?.[0]).toBe('ERR');
  });

  it('writes the ACK with the delimiters the sender used', () => {
    const odd = received(hl7(['MSH#$*!%#MON#WARD#AIPC#CLINIC#20250115080000##ORU$R01#X!F!1#P#2.5']));
    const text = buildHl7AckText({ ...common, code: 'AA', received: odd, receivedControlId: odd.controlIdRaw });
    expect(text.split('\r')[1]).toBe('MSA#AA#X!F!1');
  });

  it('frames the ACK in MLLP and a sender reads MSA-2 back as the original control id', () => {
    const bytes = buildHl7Ack({ ...common, code: 'AA', received: oruHeader, receivedControlId: oruHeader.controlIdRaw });
    expect([bytes[0], bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0x0b, 0x1c, 0x0d]);
    const [block] = new MllpFrameDecoder().push(bytes);
    expect(block?.kind === 'block' && readHl7Ack(block.raw, 'utf8')).toEqual({ code: 'AA', controlId: 'MSG|42', text: '' });
  });
});
