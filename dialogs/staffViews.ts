import { MessageFactory, type TurnContext } from 'botbuilder';
import { bindCard, type CardAttachment } from '../cards/bind';
import type { Db } from '../data/db';
import { listCustomers } from '../data/parties';
import { listOrders, type Actor, type OrderView } from '../data/orders';
import { allowedTransitions, askedStatement, checkTransition, orderFactsOf, statusIs, statusLabel, statusesWhere, type OrderStatus } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { isStaff, type Customer } from '../domain/parties';
import type { QueueName } from './staffCommands';
import { staffTexts } from './texts/staff';
import { getTurnUser } from './turnUser';
import { cardActionOf } from './cardActions';
import { formatAddress, formatDate, formatDateTime } from './format';
import { fold } from './understanding/text';

export const PAGE_SIZE = 5;

/** Which list a card shows; travels inside the paging buttons so a page click needs no dialog state. */
export type ListSpec =
  | { kind: 'queue'; queue: QueueName }
  | { kind: 'late' }
  | { kind: 'customer'; customerId: number; name: string };

/** The data of every Action.Submit on staff cards: self-contained, so a card still works after a restart. */
export type StaffAction =
  | { action: 'staff.page'; list: ListSpec; offset: number }
  | { action: 'staff.open'; order: string }
  | { action: 'staff.transition'; order: string; to: OrderStatus; version: number }
  | { action: 'staff.shipForm'; order: string; version: number }
  | { action: 'staff.ship'; order: string; version: number; carrier?: string; trackingNumber?: string; [input: string]: unknown };

export function isStaffCardAction(value: unknown): value is StaffAction {
  return cardActionOf(value)?.startsWith('staff.') ?? false;
}

/** Who acts in this turn, as the repositories want it; null for someone not linked to a person. */
export function actorOf(context: TurnContext): { actor: Actor; locale: Locale } | { actor: null; locale: Locale } {
  const { person, locale } = getTurnUser(context);
  if (!person) return { actor: null, locale };
  return {
    actor: { personId: person.id, role: person.role, customerId: person.customerId, channel: context.activity.channelId },
    locale,
  };
}

export function isStaffActor(actor: Actor | null): actor is Actor {
  return !!actor && isStaff(actor.role);
}

/** Automatic holds carry a code; a person's reason is shown as written. */
export function reasonText(reason: string, locale: Locale): string {
  if (reason === 'credit_limit') return staffTexts(locale, 'holdCreditLimit');
  if (reason === 'overdue_invoices') return staffTexts(locale, 'holdOverdueInvoices');
  return reason;
}

export function orderLabel(view: OrderView, locale: Locale): string {
  return statusLabel(view.status, locale, { serviceOnly: isServiceOnly(view) });
}

function isServiceOnly(view: OrderView): boolean {
  return view.lines.length > 0 && view.lines.every((l) => l.kind === 'service');
}


export interface OfferedStep {
  to: OrderStatus | 'ship';
  title: string;
}

/** Only what this actor may do with this order right now, checked against the lifecycle rules. */
export function offeredSteps(view: OrderView, actor: Actor, locale: Locale): OfferedStep[] {
  const steps: OfferedStep[] = [];
  let ship = false;
  for (const to of allowedTransitions(view.status)) {
    // Invoicing and payment move with invoices and payments, not with a button on the order card.
    if (statusIs(to, 'accountingStep')) continue;
    // Shipments are recorded through the shipping form rather than a plain status change.
    if (statusIs(to, 'shipmentStep')) {
      ship = true;
      continue;
    }
    const check = checkTransition({
      from: view.status, to, role: actor.role, actorCustomerId: actor.customerId, reasonPending: true, order: orderFactsOf(view.customer.id, view.lines),
    });
    if (!check.ok) continue;
    steps.push({ to, title: stepTitle(view.status, to, locale) });
  }
  if (ship && orderFactsOf(view.customer.id, view.lines).hasGoods && isStaff(actor.role)) steps.unshift({ to: 'ship', title: staffTexts(locale, 'actionShip') });
  return steps;
}

export function stepTitle(from: OrderStatus, to: OrderStatus, locale: Locale): string {
  if (from === 'on_hold' && to === 'checked') return staffTexts(locale, 'actionRelease');
  if (from === 'on_hold' && to === 'cancelled') return staffTexts(locale, 'actionReject');
  return statusLabel(to, locale) + (askedStatement(from, to) ? '…' : '');
}

function historyWho(entry: OrderView['history'][number], locale: Locale): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorRole === 'customer') return staffTexts(locale, 'historyCustomer');
  return staffTexts(locale, 'historySystem');
}

function historyNote(entry: OrderView['history'][number], locale: Locale): string {
  const notes: string[] = [];
  if (entry.reason) notes.push(staffTexts(locale, 'historyReason', { reason: reasonText(entry.reason, locale) }));
  const d = (entry.details ?? {}) as Record<string, unknown>;
  if (d.deliveryNote) {
    notes.push(staffTexts(locale, 'historyShipment', {
      note: String(d.deliveryNote), carrier: String(d.carrier ?? ''), tracking: String(d.trackingNumber ?? ''),
    }));
  }
  return notes.join(' · ');
}

export function orderCard(view: OrderView, actor: Actor, locale: Locale): CardAttachment {
  // Accounting gets the steps the lifecycle allows it (release or reject a hold); offeredSteps checks by role.
  const steps = isStaff(actor.role) || actor.role === 'accountant' ? offeredSteps(view, actor, locale) : [];
  const a = view.deliveryAddress;
  const factList = [
    { title: staffTexts(locale, 'factCustomer'), value: `${view.customer.name} (${view.customer.number})` },
    { title: staffTexts(locale, 'factRequested'), value: formatDate(view.requestedDate, locale) },
    { title: staffTexts(locale, 'factPromised'), value: formatDate(view.promisedDate, locale) },
  ];
  if (a) factList.push({ title: staffTexts(locale, 'factDelivery'), value: formatAddress(a) });
  if (view.holdReason) factList.push({ title: staffTexts(locale, 'factHold'), value: reasonText(view.holdReason, locale) });
  const totals = [
    { label: staffTexts(locale, 'totalNet'), value: formatMoney(view.totals.netCents, locale) },
    ...view.totals.byRate.map((r) => ({ label: staffTexts(locale, 'totalVat', { rate: r.rate }), value: formatMoney(r.vatCents, locale) })),
    { label: staffTexts(locale, 'totalGross'), value: formatMoney(view.totals.grossCents, locale) },
  ];
  return bindCard('orderCard', {
    title: `${staffTexts(locale, 'cardTitle', { number: view.number })} · ${view.customer.name}`,
    statusLine: staffTexts(locale, 'cardStatus', { status: orderLabel(view, locale) }),
    facts: factList,
    lines: view.lines.map((l) => ({
      text: `${l.quantity} ${l.unit[locale]} × ${l.name[locale]}`,
      detail: l.kind === 'service' ? l.sku : `${l.sku} · ${staffTexts(locale, 'lineShipped', { shipped: l.shippedQuantity, quantity: l.quantity })}`,
      amount: formatMoney(l.netCents, locale),
    })),
    totals,
    historyTitle: staffTexts(locale, 'historyTitle'),
    history: [...view.history].reverse().map((h) => ({
      text: staffTexts(locale, 'historyEntry', { when: formatDateTime(h.at, locale), status: statusLabel(h.to, locale), who: historyWho(h, locale) }),
      note: historyNote(h, locale),
    })),
    hint: isStaff(actor.role) && steps.length === 0 ? staffTexts(locale, 'noActions') : '',
    actions: steps.map((s) => ({
      title: s.title,
      data:
        s.to === 'ship'
          ? { action: 'staff.shipForm', order: view.number, version: view.version }
          : { action: 'staff.transition', order: view.number, to: s.to, version: view.version },
    })),
  });
}

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

export const carriers = ['DHL', 'DPD', 'UPS', 'GLS', 'Hermes', 'Spedition'];

/** Lines that can still go out, with what is still open of each. */
export function openShippingLines(view: OrderView) {
  return view.lines
    .filter((l) => l.kind !== 'service' && l.quantity > l.shippedQuantity)
    .map((l) => ({ line: l, remaining: l.quantity - l.shippedQuantity }));
}

export function shippingFormCard(view: OrderView, locale: Locale): CardAttachment {
  return bindCard('shippingForm', {
    title: staffTexts(locale, 'shipTitle', { number: view.number }),
    carrierLabel: staffTexts(locale, 'shipCarrier'),
    carrier: carriers[0],
    carriers: carriers.map((name) => ({ name })),
    trackingLabel: staffTexts(locale, 'shipTracking'),
    linesIntro: staffTexts(locale, 'shipLinesIntro'),
    lines: openShippingLines(view).map(({ line, remaining }) => ({
      inputId: `qty_${line.lineNo}`,
      label: staffTexts(locale, 'shipLine', { name: line.name[locale], remaining, unit: line.unit[locale] }),
      remaining,
    })),
    submitTitle: staffTexts(locale, 'shipSubmit'),
    submitData: { action: 'staff.ship', order: view.number, version: view.version },
  });
}

/** Sends one page of a list, or says the list is empty. */
export async function replyOrderList(
  context: TurnContext, db: Db, actor: Actor, locale: Locale, list: ListSpec, offset: number, now: Date,
): Promise<void> {
  const page = await orderListCard(db, actor, locale, list, offset, now);
  if (page.card) await context.sendActivity(MessageFactory.attachment(page.card));
  else await context.sendActivity(staffTexts(locale, 'listEmpty', { title: listTitle(list, locale) }));
}

/** Umlauts folded as the recognizer folds them, so "Mueller Bau" finds Müller Bau GmbH. */
function searchable(s: string): string {
  return fold(s).replace(/[^\p{L}\d]+/gu, ' ').trim();
}

/** A customer by number or by (part of) the name; every match when the words fit several. */
export function matchCustomers(customers: readonly Customer[], query: string): Customer[] {
  const q = searchable(query);
  if (!q) return [];
  const byNumber = customers.filter((c) => c.number === q);
  if (byNumber.length) return byNumber;
  const words = q.split(' ');
  return customers.filter((c) => {
    const name = searchable(c.name);
    return words.every((w) => name.split(' ').some((part) => part.startsWith(w)));
  });
}

/** "Aufträge von Müller Bau": the customer's orders as a list, or a question back when the name is unclear. */
export async function replyCustomerOrders(
  context: TurnContext, db: Db, actor: Actor, locale: Locale, query: string, now: Date,
): Promise<void> {
  const found = matchCustomers(await listCustomers(db), query);
  if (found.length === 0) {
    await context.sendActivity(staffTexts(locale, 'customerNotFound', { query }));
  } else if (found.length > 1) {
    await context.sendActivity(staffTexts(locale, 'customerAmbiguous', { query, names: found.map((c) => `${c.name} (${c.number})`).join(', ') }));
  } else {
    await replyOrderList(context, db, actor, locale, { kind: 'customer', customerId: found[0].id, name: found[0].name }, 0, now);
  }
}
