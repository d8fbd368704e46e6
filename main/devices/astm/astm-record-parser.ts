/** E1394 delimiters; the H record's first characters define them for the whole message. */
export interface AstmDelimiters {
  field: string;
  repeat: string;
  component: string;
  escape: string;
}

export const DEFAULT_ASTM_DELIMITERS: AstmDelimiters = { field: '|', repeat: '\\', component: '^', escape: '&' };

/**
 * One record: `fields[0]` is the record type, `fields[n - 1]` is field n of E1394 (R-4 is
 * `fields[3]`). Fields are kept as sent (still escaped, components and repeats unsplit) so the
 * journal viewer shows what the analyzer said; use `astmComponents` / `unescapeAstm` to read them.
 */
export interface AstmRecord {
  type: string;
  fields: string[];
}

/** Delimiters from an H record's text (`H|\^&...`); null when the text is not a usable header. */
export function delimitersFromHeader(text: string): AstmDelimiters | null {
  if (text[0] !== 'H' || text.length < 2) return null;
  const field = text[1]!;
  const end = text.indexOf(field, 2);
  const defs = end < 0 ? text.slice(2) : text.slice(2, end);
  const repeat = defs[0] ?? DEFAULT_ASTM_DELIMITERS.repeat;
  const component = defs[1] ?? DEFAULT_ASTM_DELIMITERS.component;
  const escape = defs[2] ?? DEFAULT_ASTM_DELIMITERS.escape;
  const all = [field, repeat, component, escape];
  if (new Set(all).size !== 4 || all.some((c) => /[A-Za-z0-9\s]/.test(c))) return null;
  return { field, repeat, component, escape };
}

/** Splits one record's text into fields; the H record's delimiter field is kept whole. */
export function parseAstmRecord(text: string, d: AstmDelimiters): AstmRecord {
  const type = text[0] ?? '';
  if (type === 'H' && text[1] === d.field) {
    const end = text.indexOf(d.field, 2);
    const defs = end < 0 ? text.slice(2) : text.slice(2, end);
    const rest = end < 0 ? [] : text.slice(end + 1).split(d.field);
    return { type, fields: ['H', defs, ...rest] };
  }
  const fields = text.split(d.field);
  return { type: fields[0] ?? '', fields };
}

/** Field n (1-based, as E1394 numbers them) of a record, as sent; '' when absent. */
export function astmField(record: AstmRecord, n: number): string {
  return record.fields[n - 1] ?? '';
}

/** The repeats of a field, each split into unescaped components. */
export function astmRepeats(field: string, d: AstmDelimiters): string[][] {
  return field.split(d.repeat).map((r) => astmComponents(r, d));
}

/** The components of one (non-repeated) field, unescaped. */
export function astmComponents(field: string, d: AstmDelimiters): string[] {
  return field.split(d.component).map((c) => unescapeAstm(c, d));
}

/**
 * Undoes E1394 escape sequences: &F& &S& &R& &E& (field, component, repeat, escape delimiter) and
 * &Xhh..& (hex bytes, taken as Latin-1 code points). Unknown sequences are kept as sent.
 */
export function unescapeAstm(text: string, d: AstmDelimiters): string {
  const e = d.escape;
  if (!text.includes(e)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf(e, i);
    if (start < 0) break;
    const end = text.indexOf(e, start + 1);
    if (end < 0) break;
    out += text.slice(i, start);
    const seq = text.slice(start + 1, end);
    const replaced = escapeValue(seq, d);
    if (replaced === null) {
      // Not an escape sequence: keep the first escape character and look again after it.
      out += e;
      i = start + 1;
      continue;
    }
    out += replaced;
    i = end + 1;
  }
  return out + text.slice(i);
}

function escapeValue(seq: string, d: AstmDelimiters): string | null {
  switch (seq) {
    case 'F': return d.field;
    case 'S': return d.component;
    case 'R': return d.repeat;
    case 'E': return d.escape;
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(seq)) {
    let s = '';
    for (let k = 1; k < seq.length; k += 2) s += String.fromCharCode(parseInt(seq.slice(k, k + 2), 16));
    return s;
  }
  return null;
}

/** Escapes text so it survives as one component of a field (used by the simulator). */
export function escapeAstm(text: string, d: AstmDelimiters = DEFAULT_ASTM_DELIMITERS): string {
  let out = '';
  for (const ch of text) {
    if (ch === d.escape) out += `${d.escape}E${d.escape}`;
    else if (ch === d.field) out += `${d.escape}F${d.escape}`;
    else if (ch === d.component) out += `${d.escape}S${d.escape}`;
    else if (ch === d.repeat) out += `${d.escape}R${d.escape}`;
    else out += ch;
  }
  return out;
}
