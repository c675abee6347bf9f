import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger';

/**
 * A recurring job. Jobs only write outbox rows or run the notification sender; nothing here talks to a
 * channel directly, so a crash or a second instance can never lose or double a message.
 */
export interface ScheduledJob {
  name: string;
  /** A cron expression in Europe/Berlin time (seconds field allowed), e.g. '0 6 * * 1-5' … */
  cron?: string;
  /** … or simply every n seconds. */
  everySeconds?: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** Stops all jobs and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

function expressionOf(job: ScheduledJob): string {
  if (job.cron) return job.cron;
  const seconds = Math.max(1, Math.round(job.everySeconds ?? 5));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.max(1, Math.round(seconds / 60))} * * * *`;
}

export function startScheduler(options: { jobs: ScheduledJob[]; logger?: Logger }): Scheduler {
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = options.jobs.map((job) =>
    cron.schedule(
      expressionOf(job),
      async () => {
        const run = job.run().catch((err) => options.logger?.error({ err, job: job.name }, 'scheduled job failed'));
        running.add(run);
        try {
          await run;
        } finally {
          running.delete(run);
        }
      },
      // noOverlap: a slow pass is not started again on top of itself.
      { name: job.name, timezone: 'Europe/Berlin', noOverlap: true },
    ),
  );
  return {
    stop: async () => {
      await Promise.all(tasks.map((t) => t.destroy()));
      await Promise.all([...running]);
    },
  };
}
