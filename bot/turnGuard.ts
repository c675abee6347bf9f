import crypto from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, TurnContext } from 'botbuilder';
import { isPostgres, type Db } from '../data/db';
import { referenceDataOf } from '../data/referenceData';
import {
  acquireLeaseAndOpenTurn,
  conversationLockKey,
  finishTurn,
  openTurn,
  releaseLease,
  renewLease,
  tryAcquireLease,
  type ActivityKey,
  type TurnOpening,
} from '../data/turns';
import type { JsonConversationState } from './jsonConversationState';
import type { Logger } from './logger';
import { collectTurnEndWrites, stopCollectingTurnEndWrites } from './turnEnd';

export interface TurnGuardOptions {
  leaseMs?: number;
  /** Longest wait for another instance's turn of the same conversation. */
  maxWaitMs?: number;
}

/** What a turn reads as it opens, and (read) what was read already with its lease. */
interface Opening {
  key: ActivityKey | null;
  states: JsonConversationState[];
  stateKeys: string[];
  read: TurnOpening | null;
}

/** What a turn that ran leaves to record: the activity, and an invoke's answer to replay on a re-delivery. */
interface Ran {
  key: ActivityKey;
  invokeResponse: unknown;
}

/**
 * Runs each activity at most once and the turns of one conversation one after another:
 * in this process through a promise chain per conversation (so only one turn per conversation here ever asks
 * the database), across instances through a lease row in data/turns.ts, polled with backoff and renewed while
 * the turn runs. Inside the lease the processed-check and the record cannot race. Only PostgreSQL is shared by
 * several instances (the embedded SQLite file cannot be), so on SQLite the promise chain is the whole lock.
 * What a turn reads before it runs is one statement (with the lease, where that is safe); what it leaves to write
 * is one too on PostgreSQL and one transaction on SQLite (bot/turnEnd.ts).
 */
export class TurnGuard {
  private readonly owner = crypto.randomUUID();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  private readonly leased: boolean;

  /**
   * `states`: the bot states the turn will load, read here with the processed check and the reference version in one
   * statement (openTurn, acquireLeaseAndOpenTurn) instead of three.
   */
  constructor(private readonly db: Db, private readonly logger: Logger, options: TurnGuardOptions = {}, private readonly states: JsonConversationState[] = []) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.leased = isPostgres(db);
  }

  async run(context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    const lockKey = conversationLockKey(channelId, conversation?.id ?? '');
    const previous = this.chains.get(lockKey) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.runGuarded(lockKey, context, turn));
    this.chains.set(lockKey, current);
    try {
      await current;
    } finally {
      if (this.chains.get(lockKey) === current) this.chains.delete(lockKey);
    }
  }

  private async runGuarded(lockKey: string, context: TurnContext, turn: () => Promise<void>): Promise<void> {
    const opening = this.openingOf(context);
    const lease = this.leased ? { lockKey, owner: this.owner } : null;
    let renewal: NodeJS.Timeout | undefined;
    if (lease) {
      const first = await acquireLeaseAndOpenTurn(this.db, lockKey, this.owner, this.leaseMs, opening.key, opening.stateKeys);
      if (!first.acquired) await this.acquire(lockKey);
      opening.read = first.opening;
      renewal = setInterval(() => {
        renewLease(this.db, lockKey, this.owner, this.leaseMs)
          .then((held) => held || this.logger.warn({ lockKey }, 'conversation lease lost during a turn'))
          .catch((err) => this.logger.warn({ err }, 'conversation lease renewal failed'));
      }, Math.max(50, Math.floor(this.leaseMs / 3)));
    }
    let finished = false;
    // What the turn saves is written with its end, all or nothing; a turn that fails writes none of it.
    const writes = collectTurnEndWrites(context);
    try {
      const ran = await this.once(context, turn, opening);
      await finishTurn(this.db, {
        processed: ran,
        states: [...writes.states].map(([key, { item, text }]) => ({ key, item, text })),
        conversationRef: writes.conversationRef,
        lease,
      });
      finished = true;
      for (const written of writes.written) written();
    } finally {
      stopCollectingTurnEndWrites(context);
      clearInterval(renewal);
      if (lease && !finished) await releaseLease(this.db, lockKey, this.owner).catch((err) => this.logger.warn({ err }, 'conversation lease release failed'));
    }
  }

  /** What the turn reads as it opens: its activity's key and the storage keys of its states (those it has here). */
  private openingOf(context: TurnContext): Opening {
    const { id, channelId, conversation } = context.activity;
    const key = id && conversation?.id ? { channelId, conversationId: conversation.id, activityId: id } : null;
    // A state without a key here (no conversation) is left out and loads as usual.
    const states = this.states.map((state) => ({ state, storageKey: state.getStorageKey(context) })).filter((s) => s.storageKey);
    return { key, states: states.map((s) => s.state), stateKeys: states.map((s) => s.storageKey!), read: null };
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

  /** Runs the turn unless its activity was processed before; what ran is to be recorded by the caller. */
  private async once(context: TurnContext, turn: () => Promise<void>, opening: Opening): Promise<Ran | null> {
    const { key, states, stateKeys } = opening;
    const read = opening.read ?? (await openTurn(this.db, key, stateKeys));
    if (read.processed) {
      this.logger.info({ channelId: context.activity.channelId, activityId: context.activity.id }, 're-delivered activity ignored');
      if (context.activity.type === ActivityTypes.Invoke && read.processed.invokeResponse !== undefined) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: read.processed.invokeResponse });
      }
      return null;
    }
    referenceDataOf(this.db).versionReadForTurn(context, read.referenceVersion);
    states.forEach((state, i) => state.preload(context, read.states[i], read.stateTexts[i]));
    await turn(); // a failing turn throws past this line, so a re-delivery may try again
    return key ? { key, invokeResponse: context.turnState.get(INVOKE_RESPONSE_KEY)?.value } : null;
  }
}
