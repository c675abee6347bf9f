import type { Knex } from 'knex';
import type { Db } from '../data/db';

/** Carries an operation's refusal out of its transaction, so that everything written before it is undone. */
class Refusal<R> extends Error {
  constructor(readonly result: R) {
    super('operation refused');
  }
}

/**
 * The one way an operation refuses: it calls `refuse(result)` anywhere inside its transaction (also from an
 * effect), the transaction rolls back, and the operation returns `result`, a member of its union of answers.
 */
export async function runOperation<R>(
  db: Db,
  work: (trx: Knex.Transaction, refuse: (result: R) => never) => Promise<R>,
): Promise<R> {
  const refuse = (result: R): never => {
    throw new Refusal(result);
  };
  try {
    return await db.transaction((trx) => work(trx, refuse));
  } catch (err) {
    if (err instanceof Refusal) return err.result as R;
    throw err;
  }
}

export type Refuse<R> = (result: R) => never;
