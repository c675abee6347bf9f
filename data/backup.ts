import fs from 'node:fs';
import path from 'node:path';
import { isPostgres, type Db } from './db';

/**
 * A consistent copy of the embedded SQLite database while the bot runs: VACUUM INTO reads the whole database in
 * one read transaction (in WAL mode writers go on meanwhile) and writes a compact file. It is written under a
 * temporary name and renamed at the end, so a file with the final name is always complete.
 * PostgreSQL is backed up with its own tools (pg_dump); see README.
 */

export type BackupResult =
  | { ok: true; file: string; bytes: number }
  | { ok: false; reason: 'postgres' | 'exists'; message: string };

export async function backupSqlite(db: Db, target: string): Promise<BackupResult> {
  if (isPostgres(db)) return { ok: false, reason: 'postgres', message: 'PostgreSQL is backed up with pg_dump (see README, "Backup and restore").' };
  const file = path.resolve(target);
  if (fs.existsSync(file)) return { ok: false, reason: 'exists', message: `${file} exists already; a backup never overwrites one.` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.raw('VACUUM INTO ?', [partial]);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { ok: true, file, bytes: fs.statSync(file).size };
}

/** SQLite's own checks of a database file: page structure and foreign keys. Empty when it is sound. */
export async function integrityProblems(db: Db): Promise<string[]> {
  const integrity = (await db.raw('PRAGMA integrity_check')) as Array<{ integrity_check: string }>;
  const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const foreignKeys = (await db.raw('PRAGMA foreign_key_check')) as Array<{ table: string; rowid: number; parent: string }>;
  return [...problems, ...foreignKeys.map((f) => `foreign key of ${f.table} row ${f.rowid} points to a missing ${f.parent}`)];
}

/** Default name of a backup: in DATA_DIR/backups, stamped with the UTC time. */
export function defaultBackupFile(dataDir: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join(path.resolve(dataDir), 'backups', `auftragsbot-${stamp}.sqlite`);
}
