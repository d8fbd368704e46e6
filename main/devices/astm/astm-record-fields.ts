/** Reads a record's fields by E1394 number (1-based), as sent; '' when absent. */
export interface AstmFieldSource {
  field(n: number): string;
}

/**
 * The field positions of one record, found in one pass over its text; a field becomes a string
 * only when it is read. One instance is reused from record to record, so reading a record
 * allocates nothing but the fields a reading needs. Gives exactly what `text.split(separator)`
 * would (see parseAstmRecord), without the strings nobody reads.
 */
export class AstmRecordFields implements AstmFieldSource {
  private text = '';
  /** starts[k] is where fields[k] (E1394 field k + 1) begins; it ends one before starts[k + 1]. */
  private starts: Int32Array = new Int32Array(32);
  private count = 0;

  /** Indexes the record `text.slice(start, end)` (the whole text by default) without copying it. */
  index(text: string, separator: string, start = 0, end = text.length): this {
    this.text = text;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    for (let at = text.indexOf(separator, start); at >= 0 && at < end; at = text.indexOf(separator, at + 1)) {
      if (count + 1 >= starts.length) starts = this.grow();
      starts[count++] = at + 1;
    }
    starts[count] = end + 1;
    this.count = count;
    return this;
  }

  /** Field n (1-based, as E1394 numbers them) as sent; '' when absent. */
  field(n: number): string {
    if (n < 1 || n > this.count) return '';
    const start = this.starts[n - 1]!;
    const end = this.starts[n]! - 1;
    return start === end ? '' : this.text.slice(start, end);
  }

  private grow(): Int32Array {
    const grown = new Int32Array(this.starts.length * 2);
    grown.set(this.starts);
    this.starts = grown;
    return grown;
  }
}
