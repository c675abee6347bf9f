import type { Activity } from 'botbuilder';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { listProducts } from '../../data/catalog';
import type { Db } from '../../data/db';
import { findPersonByChannel, listCustomers } from '../../data/parties';
import type { Locale } from '../../domain/locale';
import { OrderDialog, type OrderDialogOptions } from '../../dialogs/orderDialog';
import { understand } from '../../dialogs/understanding';

/** Tuesday 24 November 2026, 10:00 in Berlin: "Freitag" is the 27th, "Samstag" the 28th. */
export const TUESDAY_MORNING = new Date('2026-11-24T09:00:00Z');

export interface Conversation {
  client: DialogTestClient;
  clock: { now: Date };
  /** Sends text or a card submit and returns every reply of that turn. */
  say(input: string | Record<string, unknown>): Promise<Partial<Activity>[]>;
}

const SHOWN = new Set(['text', 'title', 'value', 'label', 'placeholder']);

/** All the words a user sees in the replies: message texts plus every string inside card attachments. */
export function shown(replies: Partial<Activity>[]): string {
  const words: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') words.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (SHOWN.has(k) || typeof x === 'object') collect(x);
    }
  };
  for (const r of replies) {
    if (r.text) words.push(r.text);
    for (const a of r.attachments ?? []) collect(a.content);
    for (const a of r.suggestedActions?.actions ?? []) words.push(a.title);
  }
  return words.join('\n');
}

/** The submit data of every button in the replies' cards. */
export function buttons(replies: Partial<Activity>[]): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (v: any): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'Action.Submit') found.push({ title: v.title, data: v.data });
      Object.values(v).forEach(walk);
    }
  };
  for (const r of replies) walk(r.attachments?.map((a) => a.content));
  return found;
}

export function button(replies: Partial<Activity>[], title: string | RegExp): Record<string, unknown> {
  const hit = buttons(replies).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
  if (!hit) throw new Error(`no button ${title} in ${JSON.stringify(buttons(replies).map((b) => b.title))}`);
  return hit.data;
}

export interface StartOptions {
  user: string;
  locale: Locale;
  now?: Date;
  conversationState?: ConversationState;
  channel?: string;
}

/** Starts the order dialog the way the main dialog does: with the person and the understanding of the first message. */
export async function startOrder(db: Db, first: string | Record<string, unknown>, options: StartOptions): Promise<{ conversation: Conversation; replies: Partial<Activity>[] }> {
  const person = await findPersonByChannel(db, 'directline', options.user);
  if (!person) throw new Error(`no demo person ${options.user}`);
  const clock = { now: options.now ?? TUESDAY_MORNING };
  const [catalog, customers] = await Promise.all([listProducts(db), listCustomers(db)]);
  const text = typeof first === 'string' ? first : '';
  const dialogOptions: OrderDialogOptions = {
    person,
    locale: options.locale,
    channel: options.channel ?? 'directline',
    understanding: understand(text, { locale: options.locale, catalog, customers, now: clock.now }),
  };
  const dialog = new OrderDialog({ db, now: () => clock.now });
  const client = new DialogTestClient('directline', dialog, dialogOptions, [], options.conversationState ?? new ConversationState(new MemoryStorage()));
  const conversation = converse(client, clock);
  const replies = await conversation.say(first);
  return { conversation, replies };
}

export function converse(client: DialogTestClient, clock: { now: Date }): Conversation {
  return {
    client,
    clock,
    async say(input) {
      const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', value: input };
      const replies: Partial<Activity>[] = [];
      let reply = await client.sendActivity(activity);
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      return replies;
    },
  };
}

export async function orderCount(db: Db): Promise<number> {
  const [{ n }] = await db('orders').count({ n: '*' });
  return Number(n);
}

/** Peter Müller of Müller Bau, the customer most tests order as, in either language. */
export const mueller = (locale: 'de' | 'en') => ({ user: 'demo-mueller', locale });

/** The same person as the repositories see him (first seeded person, first seeded customer). */
export const muellerActor = { personId: 1, role: 'customer' as const, customerId: 1, channel: 'directline' };
