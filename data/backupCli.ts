import { backupSqlite, defaultBackupFile, integrityProblems } from './backup';
import { openDatabase } from './db';

/**
 * `npm run backup [-- <file>]`: a consistent copy of the embedded SQLite database (DATA_DIR), safe while the bot
 * runs, checked before it is reported. Without a file name it goes to DATA_DIR/backups/auftragsbot-<UTC time>.sqlite.
 */
async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR?.trim() || 'var';
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const target = process.argv[2] ?? defaultBackupFile(dataDir);
  const db = openDatabase({ databaseUrl, dataDir });
  let result;
  try {
    result = await backupSqlite(db, target);
  } finally {
    await db.destroy();
  }
  if (!result.ok) {
    console.error(result.message);
    process.exitCode = 2;
    return;
  }
  const copy = openDatabase({ sqliteFile: result.file });
  try {
    const problems = await integrityProblems(copy);
    if (problems.length) {
      console.error(`backup written to ${result.file} but it fails the integrity check:\n${problems.join('\n')}`);
      process.exitCode = 1;
      return;
    }
  } finally {
    await copy.destroy();
  }
  console.log(`backup written: ${result.file} (${result.bytes} bytes, integrity ok)`);
}

main().catch((err) => {
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
