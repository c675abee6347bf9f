import type { Db } from '../data/db';
import { enqueueNotification } from '../data/outbox';
import { addDays, berlinToday, isWorkingDay } from '../domain/calendar';

export const digestKind = 'accountant_digest';

/** The dedupe key of a day's digest; each accountant's row adds `:<person>` (a role recipient). */
export const digestKey = (date: string): string => `digest:${date}`;

/** The working day before `date` (the digest covers what happened since then). */
export function previousWorkingDay(date: string): string {
  let d = addDays(date, -1);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * Queues the morning digest for every accountant (one outbox row each, dedupe `digest:<date>:<person>`): queuing it
 * twice, on two instances or after a restart, is one message. Its content is read when it is sent.
 */
export async function queueDigest(db: Db, now: Date = new Date()): Promise<{ date: string }> {
  const date = berlinToday(now);
  await db.transaction(async (trx) => {
    await enqueueNotification(trx, {
      recipient: { kind: 'role', role: 'accountant' }, kind: digestKind,
      payload: { date, since: previousWorkingDay(date) },
      dedupeKey: digestKey(date),
    }, now);
  });
  return { date };
}
