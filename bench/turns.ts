import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LoopbackConnector, Reply } from './connector';

/** One kind of turn the bench drives: who says what, and what a correct answer must contain. */
export interface TurnKind {
  name: string;
  user: string;
  /** The text of turn i in conversation c. */
  text(i: number): string;
  /** A fresh conversation for every turn (a first message), or one per simulated user for the whole run. */
  freshConversation: boolean;
  /** Throws unless the replies are a correct answer (for the bot; the echo bot only has to echo). */
  check(replies: Reply[]): void;
}

export interface TurnTarget {
  url: string;
  echo: boolean;
}

let sequence = 0;
/** Fresh conversations are numbered across the whole run: a second round must not continue the first one's. */
let freshConversations = 0;
const runId = crypto.randomBytes(4).toString('hex');

/** A channel activity as the Bot Connector posts it to a bot, addressed to reply to our loopback connector. */
export function activityFor(connector: LoopbackConnector, user: string, conversationId: string, text: string) {
  return {
    type: 'message',
    id: `a-${runId}-${++sequence}`,
    channelId: 'directline',
    serviceUrl: connector.url,
    from: { id: user, name: user },
    recipient: { id: 'auftragsbot', name: 'Auftragsbot' },
    conversation: { id: conversationId },
    text,
    locale: 'de-DE',
    timestamp: new Date().toISOString(),
  };
}

/**
 * One turn: POST /api/messages and wait for its HTTP answer. CloudAdapter answers only after the turn's logic has run
 * and every reply has been sent to the connector, so this is the full turn. Returns the latency in milliseconds.
 */
export async function sendTurn(target: TurnTarget, connector: LoopbackConnector, kind: TurnKind, conversationId: string, i: number): Promise<number> {
  const activity = activityFor(connector, kind.user, conversationId, kind.text(i));
  const t0 = performance.now();
  const res = await fetch(`${target.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status >= 300) throw new Error(`${kind.name}: /api/messages answered ${res.status}`);
  const replies = connector.take(activity.id);
  if (target.echo) {
    if (!replies.some((r) => r.text === `echo: ${activity.text}`)) throw new Error(`echo bot did not echo "${activity.text}"`);
  } else {
    kind.check(replies);
  }
  return ms;
}

export interface ClosedLoopResult {
  turns: number;
  seconds: number;
  latencies: number[];
}

/** `concurrency` conversations each sending its next turn as soon as the last one is answered, for `seconds`. */
export async function closedLoop(target: TurnTarget, connector: LoopbackConnector, kind: TurnKind, concurrency: number, seconds: number): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  let n = 0;
  // Conversation ids travel in an HTTP header of the connector client: ASCII only.
  const slug = kind.name.replace(/[^A-Za-z0-9]+/g, '-');
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      const own = `conv-${runId}-${slug}-${c}`;
      while (performance.now() < until) {
        const i = n++;
        const conversation = kind.freshConversation ? `conv-${runId}-${slug}-${++freshConversations}` : own;
        latencies.push(await sendTurn(target, connector, kind, conversation, i));
      }
    }),
  );
  return { turns: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Turn kinds of the bench: what the table measures. */
const hasCard = (replies: Reply[]) => replies.some((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
const hasText = (replies: Reply[]) => replies.some((r) => r.type === 'message' && (r.text || r.attachments?.length));

export const orderTurn: TurnKind = {
  name: 'order→summary',
  user: 'demo-schmidt',
  text: (i) => `${1 + (i % 9)} Pakete Papier und ${1 + (i % 2)} schwarze Toner`,
  freshConversation: true,
  check(replies) {
    if (!hasCard(replies)) throw new Error(`order message got no summary card: ${JSON.stringify(replies).slice(0, 300)}`);
  },
};

/** "Status von Auftrag <number>" for one of Müller Bau's orders. */
export const statusTurn = (orderNumber: string): TurnKind => ({
  name: 'status question',
  user: 'demo-mueller',
  text: () => `Status von Auftrag ${orderNumber}`,
  freshConversation: false,
  check(replies) {
    if (!replies.some((r) => r.text?.includes(orderNumber) || JSON.stringify(r.attachments ?? []).includes(orderNumber))) {
      throw new Error(`status question got no answer about ${orderNumber}: ${JSON.stringify(replies).slice(0, 300)}`);
    }
  },
});

export const whereIsMyOrderTurn: TurnKind = {
  name: 'Wo bleibt meine Bestellung?',
  user: 'demo-mueller',
  text: () => 'Wo bleibt meine Bestellung?',
  freshConversation: false,
  check(replies) {
    if (!hasText(replies)) throw new Error(`"Wo bleibt" got no answer: ${JSON.stringify(replies).slice(0, 300)}`);
  },
};

export const staffQueueTurn: TurnKind = {
  name: 'staff queue',
  user: 'demo-sales',
  text: () => 'offene Aufträge',
  freshConversation: false,
  check(replies) {
    if (!hasText(replies)) throw new Error(`staff queue got no answer: ${JSON.stringify(replies).slice(0, 300)}`);
  },
};

export const helloTurn: TurnKind = {
  name: 'hallo',
  user: 'demo-mueller',
  text: () => 'hallo',
  freshConversation: false,
  check(replies) {
    if (!hasText(replies)) throw new Error('"hallo" got no answer');
  },
};
