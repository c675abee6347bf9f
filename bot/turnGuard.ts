import crypto from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import type { Db } from '../data/db';
import {
  conversationLockKey,
  findProcessedActivity,
  recordProcessedActivity,
  releaseLease,
  renewLease,
  tryAcquireLease,
} from '../data/turns';
import type { Logger } from './logger';

export interface TurnGuardOptions {
  leaseMs?: number;
  /** Longest wait for another instance's turn of the same conversation. */
  maxWaitMs?: number;
}

/**
 * Runs each activity at most once and the turns of one conversation one after another:
 * in this process through a promise chain per conversation (so only one turn per conversation here ever asks
 * the database), across instances through a lease row in data/turns.ts, polled with backoff and renewed while
 * the turn runs. Inside the lease the processed-check and the record cannot race.
 */
export class TurnGuard {
  private readonly owner = crypto.randomUUID();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly db: Db, private readonly logger: Logger, options: TurnGuardOptions = {}) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  async run(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    const lockKey = conversationLockKey(channelId, conversation?.id ?? '');
    const previous = this.chains.get(lockKey) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.runLeased(lockKey, context, turn));
    this.chains.set(lockKey, current);
    try {
      await current;
    } finally {
      if (this.chains.get(lockKey) === current) this.chains.delete(lockKey);
    }
  }

  private async runLeased(lockKey: string, context: TurnContext, turn: () => Promise<void>): Promise<void> {
    await this.acquire(lockKey);
    const renewal = setInterval(() => {
      renewLease(this.db, lockKey, this.owner, this.leaseMs)
        .then((held) => held || this.logger.warn({ lockKey }, 'conversation lease lost during a turn'))
        .catch((err) => this.logger.warn({ err }, 'conversation lease renewal failed'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    try {
      await this.once(context, turn);
    } finally {
      clearInterval(renewal);
      await releaseLease(this.db, lockKey, this.owner).catch((err) => this.logger.warn({ err }, 'conversation lease release failed'));
    }
  }

  private async acquire(lockKey: string): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    let pause = 10;
    while (!(await tryAcquireLease(this.db, lockKey, this.owner, this.leaseMs))) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for another turn of this conversation');
      await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
      pause = Math.min(pause * 2, 200);
    }
  }

  private async once(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation, type } = context.activity;
    const key = id && conversation?.id ? { channelId, conversationId: conversation.id, activityId: id } : null;
    if (key) {
      const done = await findProcessedActivity(this.db, key);
      if (done) {
        this.logger.info({ channelId, activityId: id }, 're-delivered activity ignored');
        if (type === ActivityTypes.Invoke && done.invokeResponse !== undefined) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: done.invokeResponse });
        }
        return;
      }
    }
    await turn(); // a failing turn throws past this line, so a re-delivery may try again
    if (key) {
      const invokeResponse = context.turnState.get(INVOKE_RESPONSE_KEY)?.value;
      await recordProcessedActivity(this.db, key, invokeResponse);
    }
  }
}
