/**
 * FHIR JSON keeps a decimal's precision as written: 37.0 is not 37. JavaScript numbers forget it,
 * so the export carries the measured text next to the number (under a symbol JSON.stringify
 * skips) and the serializer writes that text; the import parses with a reader that remembers
 * every number's text.
 */
export const NUMBER_TEXT = Symbol('fhir.numberText');

/** The number texts of an object's own numeric properties, by key. */
type NumberTexts = Record<string, string>;
interface WithNumberTexts { [NUMBER_TEXT]?: NumberTexts }

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** `{ [key]: Number(text) }` that serializes as the text itself ("37.0"). */
export function decimalProperty<K extends string>(key: K, text: string): Record<K, number> {
  const value = { [key]: Number(text) } as Record<K, number> & WithNumberTexts;
  if (DECIMAL.test(text)) value[NUMBER_TEXT] = { [key]: text };
  return value;
}

/** The number text of `object[key]` as read or written, else the number's shortest form. */
export function numberTextOf(object: object, key: string): string | undefined {
  const texts = (object as WithNumberTexts)[NUMBER_TEXT];
  const text = texts?.[key];
  if (text !== undefined) return text;
  const value = (object as Record<string, unknown>)[key];
  return typeof value === 'number' ? String(value) : undefined;
}

/** JSON.stringify that writes remembered decimal texts verbatim. */
export function stringifyFhir(value: unknown, space?: number): string {
  const marker = `\u0000dec:${Math.random().toString(36).slice(2)}:`;
  const json = JSON.stringify(value, function replacer(this: unknown, _key: string, v: unknown) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const texts = (v as WithNumberTexts)[NUMBER_TEXT];
    if (!texts) return v;
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const [k, text] of Object.entries(texts)) if (typeof copy[k] === 'number' && Number(text) === copy[k]) copy[k] = `${marker}${text}`;
    return copy;
  }, space);
  const escapedMarker = JSON.stringify(marker).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return json.replace(new RegExp(`"${escapedMarker}([-+.eE0-9]+)"`, 'g'), '$1');
}

export class JsonSyntaxError extends Error {}

/**
 * JSON.parse that also records each number's text on its parent object (see numberTextOf).
 * A plain recursive-descent reader: the bundle is bounded by the contract, nesting by MAX_DEPTH.
 */
export function parseFhirJson(text: string): unknown {
  let i = 0;
  const MAX_DEPTH = 100;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`Not valid JSON: ${what} at character ${i}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i += 1;
  };
  const str = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i += 1;
      else if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      i += 1;
    }
    if (i >= text.length) fail('unterminated string');
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const num = (): { value: number; text: string } => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) return fail('unexpected character');
    i += match[0].length;
    return { value: Number(match[0]), text: match[0] };
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      const object: Record<string, unknown> & WithNumberTexts = {};
      ws();
      if (text[i] === '}') {
        i += 1;
        return object;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        const key = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i += 1;
        ws();
        if (text[i] === '-' || (text[i]! >= '0' && text[i]! <= '9')) {
          const n = num();
          object[key] = n.value;
          (object[NUMBER_TEXT] ??= {})[key] = n.text;
        } else {
          Object.defineProperty(object, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return object;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i += 1;
      const array: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i += 1;
        return array;
      }
      for (;;) {
        array.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return array;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return num().value;
  };
  const result = value(0);
  ws();
  if (i !== text.length) fail('unexpected text after the end');
  return result;
}
