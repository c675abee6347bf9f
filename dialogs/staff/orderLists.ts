import { MessageFactory, type TurnContext } from 'botbuilder';
import { bindCard, type CardAttachment } from '../../cards/bind';
import type { Db } from '../../data/db';
import { listOrders, type Actor } from '../../data/orders';
import { referenceDataOf } from '../../data/referenceData';
import { statusesWhere } from '../../domain/lifecycle';
import type { Locale } from '../../domain/locale';
import { formatMoney } from '../../domain/money';
import { formatDate } from '../format';
import { orderLabel } from '../orderLabels';
import { staffTexts } from '../texts/staff';
import { PAGE_SIZE, type ListSpec, type StaffAction } from './actions';
import { matchCustomers } from './customerSearch';

export function listTitle(list: ListSpec, locale: Locale): string {
  if (list.kind === 'late') return staffTexts(locale, 'queueLate');
  if (list.kind === 'customer') return staffTexts(locale, 'queueCustomer', { customer: list.name });
  const key = ({ open: 'queueOpen', on_hold: 'queueOnHold', ship_today: 'queueShipToday' } as const)[list.queue];
  return staffTexts(locale, key);
}

/** Open work: everything accepted or waiting that has not fully left the house yet. */
const openWorkStatuses = statusesWhere('inHouse');

export function listFilter(list: ListSpec): Parameters<typeof listOrders>[2] {
  if (list.kind === 'late') return { late: true };
  if (list.kind === 'customer') return { customerId: list.customerId };
  if (list.queue === 'on_hold') return { statuses: ['on_hold'] };
  if (list.queue === 'ship_today') return { shipToday: true };
  return { statuses: openWorkStatuses };
}

/** One page of a list as a card, or null when the list is empty. */
export async function orderListCard(
  db: Db, actor: Actor, locale: Locale, list: ListSpec, offset: number, now: Date,
): Promise<{ card: CardAttachment; total: number } | { card: null; total: 0 }> {
  const start = Math.max(0, Math.floor(offset) || 0);
  const { orders, total } = await listOrders(db, actor, { ...listFilter(list), limit: PAGE_SIZE, offset: start }, now);
  if (total === 0) return { card: null, total: 0 };
  const actions: Array<{ title: string; data: StaffAction }> = [];
  if (start > 0) actions.push({ title: staffTexts(locale, 'previous'), data: { action: 'staff.page', list, offset: Math.max(0, start - PAGE_SIZE) } });
  if (start + PAGE_SIZE < total) actions.push({ title: staffTexts(locale, 'next'), data: { action: 'staff.page', list, offset: start + PAGE_SIZE } });
  return {
    total,
    card: bindCard('orderList', {
      title: listTitle(list, locale),
      subtitle: staffTexts(locale, 'listPage', { from: start + 1, to: start + orders.length, total }),
      items: orders.map((o) => ({
        heading: staffTexts(locale, 'cardTitle', { number: o.number }),
        line1: staffTexts(locale, 'listItem', { customer: o.customer.name, status: orderLabel(o, locale) }),
        line2: staffTexts(locale, 'listItemDates', { promised: formatDate(o.promisedDate, locale), total: formatMoney(o.totals.grossCents, locale) }),
        openTitle: staffTexts(locale, 'open'),
        openData: { action: 'staff.open', order: o.number },
      })),
      actions,
    }),
  };
}

/** Sends one page of a list, or says the list is empty. */
export async function replyOrderList(
  context: TurnContext, db: Db, actor: Actor, locale: Locale, list: ListSpec, offset: number, now: Date,
): Promise<void> {
  const page = await orderListCard(db, actor, locale, list, offset, now);
  if (page.card) await context.sendActivity(MessageFactory.attachment(page.card));
  else await context.sendActivity(staffTexts(locale, 'listEmpty', { title: listTitle(list, locale) }));
}

/** "Aufträge von Müller Bau": the customer's orders as a list, or a question back when the name is unclear. */
export async function replyCustomerOrders(
  context: TurnContext, db: Db, actor: Actor, locale: Locale, query: string, now: Date,
): Promise<void> {
  const found = matchCustomers((await referenceDataOf(db).current()).customers, query);
  if (found.length === 0) {
    await context.sendActivity(staffTexts(locale, 'customerNotFound', { query }));
  } else if (found.length > 1) {
    await context.sendActivity(staffTexts(locale, 'customerAmbiguous', { query, names: found.map((c) => `${c.name} (${c.number})`).join(', ') }));
  } else {
    await replyOrderList(context, db, actor, locale, { kind: 'customer', customerId: found[0].id, name: found[0].name }, 0, now);
  }
}
