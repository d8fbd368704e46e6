export const HL7_PARSE_FAILURES = ['empty', 'no-msh', 'bad-delimiters'] as const;
export type Hl7ParseFailure = (typeof HL7_PARSE_FAILURES)[number];

/** A block that is not an HL7 message we can read; the link answers it with AR. */
export class Hl7ParseError extends Error {
  override readonly name = 'Hl7ParseError';
  constructor(
    readonly reason: Hl7ParseFailure,
    message: string,
  ) {
    super(message);
  }
}
