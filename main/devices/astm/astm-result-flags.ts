import type { ReadingFlag } from '../../../common/domain/devices';

/** R-7 abnormal flags (E1394 7.1.7). U/D/B/W (trend) and N (normal) add nothing. */
const ABNORMAL_FLAGS: Readonly<Record<string, ReadingFlag>> = {
  L: 'low',
  H: 'high',
  LL: 'critical-low',
  HH: 'critical-high',
  '<': 'low',
  '>': 'high',
  A: 'abnormal',
  AA: 'abnormal',
};

/** R-9 result status: P preliminary, C corrected, X cannot be done; F (final) adds nothing. */
const STATUS_FLAGS: Readonly<Record<string, ReadingFlag>> = {
  P: 'preliminary',
  C: 'corrected',
  X: 'invalid',
};

export function abnormalFlag(code: string): ReadingFlag | null {
  return ABNORMAL_FLAGS[code.trim().toUpperCase()] ?? null;
}

export function statusFlag(code: string): ReadingFlag | null {
  return STATUS_FLAGS[code.trim().toUpperCase()] ?? null;
}

const NUMERIC = /^\s*[<>]?=?\s*[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A value a quantitative test can have: a number, possibly censored ("<0.5", ">500"). */
export function isNumericResult(value: string): boolean {
  return NUMERIC.test(value);
}
