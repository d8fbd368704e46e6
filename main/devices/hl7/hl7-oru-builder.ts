import type { TextEncoding } from '../../../common/domain/devices';
import { DEFAULT_HL7_DELIMITERS, type Hl7Delimiters } from './hl7-delimiters';
import { escapeHl7 } from './hl7-escape';
import { encodeHl7Text } from './hl7-text-codec';

export interface OruCoded {
  code: string;
  text?: string;
  system?: string;
}

export interface OruObservation extends OruCoded {
  /** OBX-2, e.g. NM, ST, SN. */
  valueType: string;
  /** OBX-4, e.g. "1.0.1.1" for a monitor's channel hierarchy. */
  subId?: string;
  /** OBX-5 exactly as it should appear; several strings are sent as components (NIBP 150020). */
  value: string | readonly string[];
  /** OBX-6, plain text or code^text^system. */
  unit?: string | OruCoded;
  referenceRange?: string;
  abnormalFlags?: readonly string[];
  /** OBX-11; F when omitted. */
  status?: string;
  /** OBX-14, HL7 DTM. */
  observedAt?: string;
  /** One NTE per comment after the OBX. */
  comments?: readonly string[];
}

export interface OruMessageInput {
  controlId: string;
  /** MSH-7, HL7 DTM. */
  timestamp: string;
  sendingApplication?: string;
  sendingFacility?: string;
  receivingApplication?: string;
  receivingFacility?: string;
  /** MSH-12; 2.6 when omitted. */
  version?: string;
  /** MSH-18, e.g. "UNICODE UTF-8". */
  charset?: string;
  patient: { id: string; familyName?: string; givenName?: string };
  order?: { placerId?: string; fillerId?: string; service?: OruCoded; observedAt?: string };
  observations: readonly OruObservation[];
}

/** An ORU^R01 as HL7 text (segments CR-terminated), every value escaped for the given delimiters. */
export function buildOruText(input: OruMessageInput, d: Hl7Delimiters = DEFAULT_HL7_DELIMITERS): string {
  const e = (s: string | undefined) => escapeHl7(s ?? '', d);
  const coded = (c: OruCoded | undefined) => (c ? trimEmpty([e(c.code), e(c.text), e(c.system)]).join(d.component) : '');
  const seg = (...fields: string[]) => trimEmpty(fields).join(d.field);
  const segments = [
    seg('MSH', d.component + d.repeat + d.escape + d.subcomponent, e(input.sendingApplication), e(input.sendingFacility),
      e(input.receivingApplication), e(input.receivingFacility), e(input.timestamp), '', `ORU${d.component}R01${d.component}ORU_R01`,
      e(input.controlId), 'P', e(input.version ?? '2.6'), '', '', 'NE', 'AL', '', e(input.charset)),
    seg('PID', '1', '', e(input.patient.id), '', trimEmpty([e(input.patient.familyName), e(input.patient.givenName)]).join(d.component)),
    seg('OBR', '1', e(input.order?.placerId), e(input.order?.fillerId), coded(input.order?.service), '', '', e(input.order?.observedAt)),
  ];
  input.observations.forEach((o, i) => {
    const value = typeof o.value === 'string' ? e(o.value) : o.value.map(e).join(d.component);
    const unit = typeof o.unit === 'string' ? e(o.unit) : coded(o.unit);
    segments.push(seg('OBX', String(i + 1), e(o.valueType), coded(o), e(o.subId), value, unit, e(o.referenceRange),
      (o.abnormalFlags ?? []).map(e).join(d.repeat), '', '', e(o.status ?? 'F'), '', '', e(o.observedAt)));
    (o.comments ?? []).forEach((c, j) => segments.push(seg('NTE', String(j + 1), '', e(c))));
  });
  // MSH-1 is the separator itself: "MSH" + "|" + "^~\&" + "|" ...
  return segments.map((s) => `${s}\r`).join('');
}

/** The ORU^R01 encoded for the device's encoding, unframed (see frameMllp). */
export function buildOruMessage(input: OruMessageInput, options: { encoding: TextEncoding; delimiters?: Hl7Delimiters }): Uint8Array {
  return encodeHl7Text(buildOruText(input, options.delimiters), options.encoding);
}

function trimEmpty(parts: string[]): string[] {
  let n = parts.length;
  while (n > 1 && parts[n - 1] === '') n--;
  return parts.slice(0, n);
}
