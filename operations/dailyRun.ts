import type { Db } from '../data/db';
import { berlinTimeOf, berlinToday, isWorkingDay } from '../domain/calendar';
import { defaultDunningConfig, type DunningConfig } from '../domain/dunning';
import { queueDigest } from './digest';
import { runDunning } from './dunningRun';
import { expireQuotes } from './quotes';

export const DAILY_JOB = 'accounting-daily';

export type DailyRunResult =
  | { ran: true; date: string; notices: number; expiredQuotes: string[] }
  | { ran: false; date: string; why: 'not_a_working_day' | 'done_already' | 'not_yet'; expiredQuotes?: string[] };

/**
 * The accounting morning (DUNNING_CRON, default 08:00 Berlin on working days): quotes past their validity expire, the dunning run creates today's
 * notices, then every accountant is queued the digest. A run row per date records it; both steps are idempotent
 * by themselves (a level once per invoice, the digest's dedupe key), so two instances starting it together, or a
 * crash in the middle and a rerun, send nothing twice and lose nothing.
 */
export async function runDailyAccounting(db: Db, now: Date = new Date(), config: DunningConfig = defaultDunningConfig): Promise<DailyRunResult> {
  const date = berlinToday(now);
  // Quotes past their last day expire on every run (idempotent; acceptance checks the validity itself as well).
  const expiredQuotes = await expireQuotes(db, now);
  if (!isWorkingDay(date)) return { ran: false, date, why: 'not_a_working_day', expiredQuotes };
  await db('scheduled_runs').insert({ job: DAILY_JOB, run_date: date, started_at: now.toISOString() }).onConflict(['job', 'run_date']).ignore();
  const row = await db('scheduled_runs').where({ job: DAILY_JOB, run_date: date }).first('finished_at');
  if (row?.finished_at) return { ran: false, date, why: 'done_already', expiredQuotes };
  const dunning = await runDunning(db, now, config);
  if (!dunning.ok) throw new Error(`dunning configuration or data refused: ${dunning.detail}`);
  await queueDigest(db, now);
  await db('scheduled_runs').where({ job: DAILY_JOB, run_date: date }).update({
    finished_at: new Date().toISOString(), summary: JSON.stringify({ notices: dunning.created.length }),
  });
  return { ran: true, date, notices: dunning.created.length, expiredQuotes };
}

/** The hour and minute a daily cron expression ('0 8 * * 1-5', with or without seconds) fires at, else 08:00. */
export function dailyTimeOf(cronExpression: string): string {
  const fields = cronExpression.trim().split(/\s+/);
  const [minute, hour] = fields.length === 6 ? fields.slice(1, 3) : fields.slice(0, 2);
  if (!/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '')) return '08:00';
  return `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
}

/** At start: a run missed while the server was down (a working day, past the run's time, no run finished) happens now. */
export async function catchUpDailyAccounting(db: Db, cronExpression: string, now: Date = new Date(), config?: DunningConfig): Promise<DailyRunResult> {
  const date = berlinToday(now);
  if (berlinTimeOf(now) < dailyTimeOf(cronExpression)) return { ran: false, date, why: 'not_yet' };
  return runDailyAccounting(db, now, config);
}
