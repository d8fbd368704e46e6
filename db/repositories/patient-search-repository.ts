import type { Kysely } from 'kysely';
import type { PatientSummary } from '../../common/domain/patients';
import type { Database } from '../schema';
import { NEAR_WORDS_SQL, SEARCH_SQL } from '../search/patient-search-match';
import { PreparedStatements } from '../prepared-statements';
import type { SqliteConnection, SqliteStatement } from '../sqlite-driver';

export interface PatientSearchRow {
  id: string;
  mrn: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  date_of_birth: string;
  sex: PatientSummary['sex'];
  phone: string | null;
  active: number;
}

/** The reads one search makes, run synchronously on prepared statements. */
export interface PatientSearchReader {
  match(expression: string, limit: number): PatientSearchRow[];
  /** Indexed name words that start with `first` and are `minLength`..`maxLength` long. */
  wordsStartingWith(first: string, minLength: number, maxLength: number): string[];
}

/**
 * Search reads on the raw connection with statements prepared once: at a million patients the
 * FTS query takes well under a millisecond, so preparing it per call (as Kysely does) would be
 * most of the cost. A search never sees a write transaction half done (see `read`).
 */
export class PatientSearchRepository {
  private readonly statements: PreparedStatements;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteConnection,
  ) {
    this.statements = new PreparedStatements(raw);
  }

  private statement(text: string): SqliteStatement {
    return this.statements.get(text);
  }

  private readonly reader: PatientSearchReader = {
    match: (expression, limit) => this.statement(SEARCH_SQL).all(expression, limit) as PatientSearchRow[],
    wordsStartingWith: (first, minLength, maxLength) => {
      const upper = String.fromCodePoint(first.codePointAt(0)! + 1);
      return (this.statement(NEAR_WORDS_SQL).all(first, upper, minLength, maxLength) as { word: string }[]).map((r) => r.word);
    },
  };

  /**
   * Runs `fn` (synchronous reads) where no write transaction is half done. JavaScript runs one
   * thing at a time, so when the connection is outside a transaction the reads run at once and
   * nothing can interleave; inside one (a Kysely transaction awaiting between statements) they
   * wait for Kysely's connection lock, that is, until the transaction has committed or rolled back.
   */
  read<T>(fn: (reader: PatientSearchReader) => T): Promise<T> {
    if (!this.raw.inTransaction) return Promise.resolve(fn(this.reader));
    return this.db.connection().execute(async () => fn(this.reader));
  }
}
