/**
 * A&D-style weighing-scale output: one ASCII line per reading, e.g. `ST,GS,+  4.876kg\r\n`.
 *
 *   header   ST stable, US unstable, OL overload
 *   mode     GS gross, NT net
 *   value    sign, then digits with an optional decimal point, padded with spaces or zeros
 *   unit     kg, g, lb, oz, ct, pcs, ... (may be preceded by spaces)
 *
 * Lines end in CR LF, CR or LF. Only ST lines are measurements.
 */
export const SCALE_HEADERS = ['ST', 'US', 'OL'] as const;
export type ScaleHeader = (typeof SCALE_HEADERS)[number];

export const SCALE_MODES = ['GS', 'NT'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];

export const CR = 0x0d;
export const LF = 0x0a;

/** Longest line accepted (without terminator); A&D lines are 15–17 characters. */
export const SCALE_MAX_LINE_LENGTH = 64;
