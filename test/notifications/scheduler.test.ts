import { startScheduler } from '../../bot/scheduler';

describe('scheduler', () => {
  it('runs a job every second until stopped, and stop waits for a run in progress', async () => {
    let runs = 0;
    let inFlight = false;
    const scheduler = startScheduler({
      jobs: [{
        name: 'count',
        everySeconds: 1,
        run: async () => {
          inFlight = true;
          await new Promise((resolve) => setTimeout(resolve, 300));
          runs += 1;
          inFlight = false;
        },
      }],
    });
    const deadline = Date.now() + 10_000;
    while (runs < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBeGreaterThanOrEqual(2);
    await scheduler.stop();
    expect(inFlight).toBe(false);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(after);
  });

  it('keeps running after a job fails', async () => {
    let calls = 0;
    const scheduler = startScheduler({ jobs: [{ name: 'flaky', everySeconds: 1, run: async () => { calls += 1; throw new Error('boom'); } }] });
    const deadline = Date.now() + 10_000;
    while (calls < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
