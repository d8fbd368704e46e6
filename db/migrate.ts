import type { SqliteConnection } from './sqlite-driver';
import { MIGRATIONS, type Migration } from './migrations';

export function currentSchemaVersion(db: SqliteConnection): number {
  return Number(db.pragma('user_version', { simple: true }) ?? 0);
}

/**
 * Runs the pending migrations up to `target`, each in its own transaction together with the
 * record of it, so a failed migration leaves the schema exactly at the previous version.
 */
export function migrateTo(
  db: SqliteConnection,
  target: number = MIGRATIONS.length,
  now: () => string = () => new Date().toISOString(),
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  if (!Number.isInteger(target) || target < 0 || target > migrations.length) {
    throw new Error(`No migration ${target}: versions go from 0 to ${migrations.length}`);
  }
  const current = currentSchemaVersion(db);
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this workstation knows (${migrations.length}). Update the application.`,
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const migration of migrations.slice(current, target)) {
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        now(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return currentSchemaVersion(db);
}
