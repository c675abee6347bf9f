import type { Knex } from 'knex';
import type { YearlyDocumentKind } from '../domain/documentNumbers';
import { Db, isPostgres } from './db';

export type NumberSequence = 'order' | 'delivery_note';

/**
 * The next running number of a sequence. Call it inside the business transaction: the UPDATE locks the
 * sequence row until commit (PostgreSQL) or runs under the single SQLite writer, and a rollback takes the
 * number back, so numbers stay unique and without gaps.
 */
export async function nextNumber(trx: Db | Knex.Transaction, sequence: NumberSequence): Promise<number> {
  const updated = await trx('number_sequences').where({ name: sequence }).increment('last_value', 1);
  if (!updated) throw new Error(`number sequence ${sequence} is missing`);
  const row = await trx('number_sequences').where({ name: sequence }).first('last_value');
  return Number(row.last_value);
}

/** Delivery notes (Lieferscheine) carry the prefix LS, as in Billomat's document number ranges. */
export function deliveryNoteNumber(n: number): string {
  return `LS-${n}`;
}

/**
 * The next running number of a yearly range ('invoice:2026'), drawn like nextNumber inside the issuing
 * transaction. The year's row is created by its first document; two first documents at once meet at the primary
 * key (the second waits for the first to commit, then both go through the locking UPDATE).
 */
export async function nextYearlyNumber(trx: Knex.Transaction, kind: YearlyDocumentKind, year: number): Promise<number> {
  const name = `${kind}:${year}`;
  const insert = trx('number_sequences').insert({ name, last_value: 0 }).onConflict('name').ignore();
  await insert;
  const updated = await trx('number_sequences').where({ name }).increment('last_value', 1);
  if (!updated) throw new Error(`number sequence ${name} is missing`);
  const row = await trx('number_sequences').where({ name }).first('last_value');
  if (isPostgres(trx) && row == null) throw new Error(`number sequence ${name} vanished`);
  return Number(row.last_value);
}

/**
 * `count` consecutive numbers of a yearly range at once (a batch of dunning notices), drawn like nextYearlyNumber
 * under the range row's lock; returns the first. `lockYearlyRange` alone takes the lock without drawing.
 */
export async function nextYearlyNumbers(trx: Knex.Transaction, kind: YearlyDocumentKind, year: number, count: number): Promise<number> {
  const name = `${kind}:${year}`;
  await trx('number_sequences').insert({ name, last_value: 0 }).onConflict('name').ignore();
  const updated = await trx('number_sequences').where({ name }).increment('last_value', count);
  if (!updated) throw new Error(`number sequence ${name} is missing`);
  const row = await trx('number_sequences').where({ name }).first('last_value');
  return Number(row.last_value) - count + 1;
}

export async function lockYearlyRange(trx: Knex.Transaction, kind: YearlyDocumentKind, year: number): Promise<void> {
  const name = `${kind}:${year}`;
  await trx('number_sequences').insert({ name, last_value: 0 }).onConflict('name').ignore();
  await trx('number_sequences').where({ name }).increment('last_value', 0);
}
