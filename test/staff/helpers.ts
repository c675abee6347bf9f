import type { Activity, Attachment } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { identifyTurnUser } from '../../bot/auftragsbot';
import type { Db } from '../../data/db';
import { type Actor } from '../../data/orders';
import { placeOrder, transitionOrder } from '../../operations';
import type { OrderStatus } from '../../domain/lifecycle';
import { setTurnUser } from '../../dialogs/turnUser';
import { cardProblems } from '../cards/adaptiveCard15';

/** A Monday morning in Berlin, the "now" of orders placed in these tests. */
export const monday = new Date('2026-03-02T08:00:00Z');

/** A DialogTestClient whose turns carry the demo user, identified against the database as the bot does. */
export function chatAs(db: Db, dialog: Dialog, userId: string, locale = 'de-DE') {
  const client = new DialogTestClient('directline', dialog, undefined, [
    {
      onTurn: async (context, next) => {
        setTurnUser(context, await identifyTurnUser(db, context.activity));
        await next();
      },
    },
  ]);
  const from = { id: userId, name: userId };
  /** Sends a text (or a card click) and returns every reply of that turn. */
  const send = async (input: string | Record<string, unknown>): Promise<Partial<Activity>[]> => {
    const activity = typeof input === 'string' ? { type: 'message', text: input, locale, from } : { type: 'message', value: input, locale, from };
    const replies: Partial<Activity>[] = [];
    let reply = (await client.sendActivity(activity as Partial<Activity>)) as Partial<Activity> | undefined;
    while (reply) {
      replies.push(reply);
      reply = client.getNextReply();
    }
    return replies;
  };
  return { client, send };
}

export function cardOf(replies: Partial<Activity>[]): any {
  const attachment = replies.flatMap((r) => r.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`no card in replies: ${JSON.stringify(replies.map((r) => r.text))}`);
  // Every card a test looks at must also be a valid Adaptive Card 1.5 that Teams renders.
  const problems = cardProblems(attachment.content);
  if (problems.length) throw new Error(`invalid card: ${problems.join('; ')}`);
  return attachment.content;
}

export function textsOf(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').filter(Boolean).join('\n');
}

/** All Action.Submit titles and data of a card, wherever they sit. */
export function submitActions(card: any): Array<{ title: string; data: any }> {
  const found: Array<{ title: string; data: any }> = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Submit') found.push({ title: node.title, data: node.data });
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function textOfCard(card: any): string {
  const texts: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.text === 'string') texts.push(node.text);
      if (typeof node.title === 'string' && typeof node.value === 'string') texts.push(`${node.title}: ${node.value}`);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}

export async function place(db: Db, actor: Actor, customerId: number, lines: { sku: string; quantity: number }[], extra: { requestedDate?: string } = {}) {
  const placed = await placeOrder(db, actor, { customerId, lines, ...extra }, monday);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  return placed.order;
}

export async function moveTo(db: Db, actor: Actor, number: string, steps: OrderStatus[]) {
  for (const to of steps) {
    const moved = await transitionOrder(db, actor, number, { to }, monday);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved)}`);
  }
}
