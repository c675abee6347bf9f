import { accountingJobs } from '../../bot/accountingJobs';
import { loadConfig } from '../../bot/config';
import { dailyTimeOf } from '../../operations/dailyRun';
import { previousWorkingDay } from '../../operations/digest';

describe('the accounting schedule', () => {
  it('DUNNING_CRON defaults to 08:00 on weekdays, can be off, and refuses nonsense', () => {
    expect(loadConfig({}).dunningCron).toBe('0 8 * * 1-5');
    expect(loadConfig({ DUNNING_CRON: '30 7 * * 1-5' }).dunningCron).toBe('30 7 * * 1-5');
    expect(loadConfig({ DUNNING_CRON: 'off' }).dunningCron).toBeNull();
    expect(() => loadConfig({ DUNNING_CRON: 'every morning' })).toThrow(/DUNNING_CRON/);
  });

  it('reads the time of day a daily expression fires at, for the catch-up at start', () => {
    expect(dailyTimeOf('0 8 * * 1-5')).toBe('08:00');
    expect(dailyTimeOf('0 30 7 * * 1-5')).toBe('07:30');
    expect(dailyTimeOf('*/5 * * * *')).toBe('08:00');
  });

  it('the digest covers since the working day before (weekends and holidays skipped)', () => {
    expect(previousWorkingDay('2026-04-07')).toBe('2026-04-02'); // Tuesday after Easter: Monday, Good Friday off
    expect(previousWorkingDay('2026-03-02')).toBe('2026-02-27');
  });

  it('no job when off', () => {
    expect(accountingJobs(null as never, null)).toEqual([]);
  });
});
