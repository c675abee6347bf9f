import crypto from 'node:crypto';
import type { Db } from './db';

/**
 * A random secret created on first use and kept in the database, so every instance and every restart uses the same
 * one. Concurrent first uses agree: the first insert wins and everyone reads it back.
 */
export async function secretSetting(db: Db, name: string): Promise<string> {
  await db('settings').insert({ name, value: crypto.randomBytes(32).toString('hex') }).onConflict('name').ignore();
  const row = await db('settings').where({ name }).first('value');
  return row.value;
}
