import type { Db } from '../data/db';
import { catchUpDailyAccounting, runDailyAccounting } from '../operations/dailyRun';
import type { Logger } from './logger';
import type { ScheduledJob } from './scheduler';

/**
 * The accounting morning as a scheduled job (DUNNING_CRON, Europe/Berlin), and its catch-up once at start: a
 * working day's run missed while the server was down happens as soon as it is up. Both only write notices and
 * outbox rows; the notifier sends them.
 */
export function accountingJobs(db: Db, cronExpression: string | null, logger?: Logger): ScheduledJob[] {
  if (!cronExpression) return [];
  catchUpDailyAccounting(db, cronExpression, new Date())
    .then((r) => r.ran && logger?.info(r, 'accounting morning caught up at start'))
    .catch((err) => logger?.error({ err }, 'accounting morning catch-up failed'));
  return [{
    name: 'accounting-daily', cron: cronExpression,
    run: async () => logger?.info(await runDailyAccounting(db, new Date()), 'accounting morning'),
  }];
}
