import type { DecodedReading } from '../../../common/domain/devices';
import type { DecodedMessage, DecoderEvent } from '../driver';

/**
 * The JSON shapes `decode` prints, one object per line. Keys come in a fixed order and every key
 * is always present (null when the device did not send it), so `jq`, a spreadsheet import or a
 * diff of two runs see the same columns for every line.
 */
export function readingJson(r: DecodedReading): Record<string, unknown> {
  return {
    protocol: r.protocol,
    code: r.code,
    codeSystem: r.codeSystem,
    display: r.display,
    loinc: r.loinc,
    ucum: r.ucum,
    value: r.value,
    unit: r.unit,
    flags: r.flags,
    referenceRange: r.referenceRange,
    comments: r.comments,
    patientId: r.patientId,
    sampleId: r.sampleId,
    messageId: r.messageId,
    observedAt: r.observedAt,
  };
}

export function messageJson(m: DecodedMessage): Record<string, unknown> {
  return {
    protocol: m.protocol,
    type: m.type,
    messageId: m.messageId,
    patientId: m.patientId,
    sampleId: m.sampleId,
    readings: m.readings.map(readingJson),
    detail: m.detail ?? null,
  };
}

export function formatReadingLine(r: DecodedReading): string {
  return `${JSON.stringify(readingJson(r))}\n`;
}

export function formatMessageLine(m: DecodedMessage): string {
  return `${JSON.stringify(messageJson(m))}\n`;
}

export function formatRejectedLine(e: Extract<DecoderEvent, { kind: 'rejected' }>): string {
  return `rejected ${e.reason}: ${oneLine(e.detail)} (${e.byteCount} bytes)\n`;
}

export function formatDuplicateLine(detail: string): string {
  return `duplicate: ${oneLine(detail)}\n`;
}

/** Details may quote device text; a stray CR or LF must not split a stderr line in two. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
