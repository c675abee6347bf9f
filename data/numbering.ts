import type { Knex } from 'knex';
import type { Db } from './db';

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
