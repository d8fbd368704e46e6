import type { SqliteConnection, SqliteStatement } from './sqlite-driver';

/**
 * Statements prepared once per connection, for the queries that run on every device message or
 * keystroke: preparing a query anew (as Kysely does) can cost more than running it.
 */
export class PreparedStatements {
  private readonly cache = new Map<string, SqliteStatement>();

  constructor(private readonly raw: SqliteConnection) {}

  get(sql: string): SqliteStatement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
