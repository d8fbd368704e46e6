import type { TextEncoding } from '../../../common/domain/devices';
import { escapeAstm } from './astm-record-parser';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same messages. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface LabTest {
  code: string;
  unit: string;
  low: number;
  high: number;
  decimals: number;
}

/** A chemistry + haematology panel as an analyzer reports it. */
const PANEL: readonly LabTest[] = [
  { code: 'GLU', unit: 'mg/dL', low: 70, high: 99, decimals: 0 },
  { code: 'NA', unit: 'mmol/L', low: 135, high: 145, decimals: 0 },
  { code: 'K', unit: 'mmol/L', low: 3.5, high: 5.1, decimals: 1 },
  { code: 'CREA', unit: 'mg/dL', low: 0.6, high: 1.2, decimals: 2 },
  { code: 'HGB', unit: 'g/dL', low: 12.0, high: 16.0, decimals: 1 },
  { code: 'WBC', unit: '10^3/uL', low: 4.0, high: 10.0, decimals: 2 },
  { code: 'CRP', unit: 'mg/L', low: 0, high: 5.0, decimals: 1 },
];

const NAMES: Readonly<Record<TextEncoding, readonly string[]>> = {
  latin1: ['Müller^Jürgen', 'Dupont^Hélène', 'García^José', 'Smith^Anna'],
  utf8: ['Nowak^Łukasz', 'Müller^Jürgen', '山田^太郎', 'Smith^Anna'],
  shift_jis: ['山田^太郎', '佐藤^花子', '鈴木^一郎', 'Tanaka^Yuki'],
};

export interface SampleMessageOptions {
  seed: number;
  /** Which message of the run (values and ids vary with it). */
  index: number;
  encoding: TextEncoding;
}

/**
 * A realistic E1394 lab result message (record texts without CR): H, P with a patient id and
 * name, O with a sample id, several R with units, ranges, flags and completion times, a C on one
 * result, L. Everything is a pure function of seed and index.
 */
export function sampleLabResultRecords({ seed, index, encoding }: SampleMessageOptions): string[] {
  const random = seededRandom((seed * 7919 + index * 104729) >>> 0);
  const when = timestamp(Date.UTC(2024, 2, 15, 8, 0, 0) + index * 90_000 + Math.floor(random() * 60) * 1000);
  const names = NAMES[encoding];
  const name = names[Math.floor(random() * names.length)]!;
  const patientId = `PID${String(100000 + Math.floor(random() * 900000))}`;
  const sampleId = `S${String(seed % 1000).padStart(3, '0')}${String(index).padStart(6, '0')}`;
  const tests = PANEL.filter(() => random() < 0.8);
  if (tests.length === 0) tests.push(PANEL[0]!);
  const records = [
    `H|\\^&|MSG${seed}-${index}||SimLab 9000^2.1^SN-4711|||||LIS||P|LIS2-A2|${when}`,
    `P|1||${patientId}||${escapeName(name)}||19${String(40 + Math.floor(random() * 60))}0${1 + Math.floor(random() * 9)}1${Math.floor(random() * 9)}|${random() < 0.5 ? 'F' : 'M'}`,
    `O|1|${sampleId}||${tests.map((t) => `^^^${t.code}`).join('\\')}|R|${when}|||||N||||Serum`,
  ];
  tests.forEach((test, i) => {
    const { value, flag } = resultValue(test, random);
    records.push(`R|${i + 1}|^^^${test.code}|${value}|${test.unit}|${range(test)}|${flag}||F||||${when}`);
    if (test.code === 'K' && random() < 0.5) records.push('C|1|I|Sample slightly haemolysed^K may be falsely high|G');
  });
  records.push('L|1|N');
  return records;
}

function resultValue(test: LabTest, random: () => number): { value: string; flag: string } {
  const span = test.high - test.low;
  const v = test.low - span * 0.4 + random() * span * 1.8;
  const value = Math.max(0, v).toFixed(test.decimals);
  const n = Number(value);
  const flag = n < test.low - span * 0.3 ? 'LL' : n < test.low ? 'L' : n > test.high + span * 0.3 ? 'HH' : n > test.high ? 'H' : 'N';
  return { value, flag };
}

function range(test: LabTest): string {
  return `${test.low.toFixed(test.decimals)} to ${test.high.toFixed(test.decimals)}`;
}

function escapeName(name: string): string {
  return name.split('^').map((part) => escapeAstm(part)).join('^');
}

function timestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
