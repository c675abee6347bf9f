import type { Knex } from 'knex';
import { availableStock, checkStock, type BackorderChoice } from '../domain/availability';
import { berlinToday } from '../domain/calendar';
import type { Product, ProductKind, VatRate } from '../domain/catalog';
import { orderFactsOf, type OrderFacts, type OrderStatus } from '../domain/lifecycle';
import type { Localized } from '../domain/locale';
import { isValidQuantity } from '../domain/order';
import { lateRule, dueToShipRule, type PromisedDateRule } from '../domain/orderChecks';
import type { Address } from '../domain/parties';
import { may } from '../domain/permissions';
import { totalsWithDocumentDiscount, type Totals } from '../domain/vat';
import { ordersCountedUntilInvoiced, uninvoicedCents } from '../domain/credit';
import { listProducts } from './catalog';
import { invoicedGrossByOrder, openInvoiceExposure } from './invoices';
import { Db, isPostgres, jsonArrayOf, jsonRowsSql, rawRows } from './db';
import { insertHistory } from './history';
import { planMachineDays } from './production';
import { reservedBySku } from './stock';

/**
 * Orders as stored: reading (views, lists, draft checks) and the plain writes the operations (operations/) combine.
 * Nothing here decides what a step causes; domain/effects.ts does, and operations/ carries it out.
 */

export type { Actor } from '../domain/permissions';
import type { Actor } from '../domain/permissions';
export type { OrderProblem } from '../domain/orderChecks';

export interface OrderLineView {
  lineNo: number;
  sku: string;
  name: Localized;
  unit: Localized;
  kind: ProductKind;
  quantity: number;
  shippedQuantity: number;
  unitPriceCents: number;
  vatRate: VatRate;
  netCents: number;
}

export interface OrderHistoryEntry {
  from: OrderStatus | null;
  to: OrderStatus;
  actorPersonId: number | null;
  actorName: string | null;
  actorRole: string;
  channel: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

export interface ShipmentView {
  deliveryNoteNumber: string;
  carrier: string;
  trackingNumber: string;
  lines: { lineNo: number; quantity: number }[];
  createdByPersonId: number | null;
  createdAt: string;
}

export interface ServiceBookingView {
  sku: string;
  resourceIds: string[];
  start: string;
  end: string;
  status: 'booked' | 'cancelled' | 'done';
}

export interface OrderView {
  id: number;
  number: string;
  customer: { id: number; number: string; name: string };
  status: OrderStatus;
  version: number;
  lines: OrderLineView[];
  totals: Totals;
  /** null: the customer's own address. */
  deliveryAddress: Address | null;
  requestedDate: string | null;
  promisedDate: string | null;
  backorderChoice: BackorderChoice;
  holdReason: string | null;
  enteredBy: { personId: number; name: string } | null;
  channel: string;
  createdAt: string;
  updatedAt: string;
  history: OrderHistoryEntry[];
  shipments: ShipmentView[];
  serviceBookings: ServiceBookingView[];
  /** Machine days booked for made-to-order lines. */
  production: { resourceId: string; date: string; units: number }[];
}

/**
 * An order as a customer's status answer shows it: the view without its history, appointments and machine days,
 * read without them too (getOrderSummary).
 */
export type OrderSummary = Omit<OrderView, 'history' | 'serviceBookings' | 'production'>;

/** What the chat shows per line while the draft is being built. */
export interface LineCheck {
  sku: string;
  quantity: number;
  /** null: no such product. */
  kind: ProductKind | null;
  /** false: unknown SKU, a quantity outside 1..MAX_LINE_QUANTITY, or not enough stock. */
  ok: boolean;
  /** The quantity is no whole number from 1 to MAX_LINE_QUANTITY; nothing else was checked. */
  badQuantity?: true;
  /** Goods: what can be had now, what is missing and when more is expected. */
  available?: number;
  shortBy?: number;
  restockDate?: string | null;
  /** Made-to-order: the earliest day production can be finished. */
  completionDate?: string;
}

type Conn = Db | Knex.Transaction;

// ---------------------------------------------------------------- reading

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Each order's child rows as JSON array columns of its own row (jsonRowsSql): only what the views show, and what viewOf sorts them by. */
function childColumns(db: Db): [ChildColumn, string][] {
  // The child table is `x` in each `from`; these columns are read as they are.
  const own = (columns: string[]) => Object.fromEntries(columns.map((c) => [c, `x.${c}`]));
  const column = (name: ChildColumn, fields: Record<string, string>, from: string): [ChildColumn, string] => [name, `${jsonRowsSql(db, fields, from)} as ${name}`];
  return [
    column('lines_json', own(['line_no', 'sku', 'name_de', 'name_en', 'unit_de', 'unit_en', 'kind', 'quantity', 'shipped_quantity', 'unit_price_cents', 'vat_rate', 'net_cents', 'status']),
      'order_lines x where x.order_id = orders.id'),
    column('history_json', { ...own(['id', 'from_status', 'to_status', 'actor_person_id', 'actor_role', 'channel', 'reason', 'details', 'at']), actor_name: 'p.display_name' },
      'order_history x left join persons p on p.id = x.actor_person_id where x.order_id = orders.id'),
    column('shipments_json', {
      ...own(['id', 'delivery_note_number', 'carrier', 'tracking_number', 'created_by_person_id', 'created_at']),
      lines: jsonRowsSql(db, { line_no: 'sl.line_no', quantity: 'sl.quantity' }, 'shipment_lines sl where sl.shipment_id = x.id', { nested: true }),
    }, 'shipments x where x.order_id = orders.id'),
    column('bookings_json', own(['id', 'sku', 'resource_id', 'starts_at', 'ends_at', 'status']), 'service_bookings x where x.order_id = orders.id'),
    column('production_json', own(['id', 'resource_id', 'date', 'units']), 'capacity_bookings x where x.order_id = orders.id'),
  ];
}

type ChildColumn = 'lines_json' | 'history_json' | 'shipments_json' | 'bookings_json' | 'production_json';

/** What each read of orders reads of their children: everything for a view, lines and shipments for a summary. */
const childrenOf = {
  view: new Set<ChildColumn>(['lines_json', 'history_json', 'shipments_json', 'bookings_json', 'production_json']),
  summary: new Set<ChildColumn>(['lines_json', 'shipments_json']),
};
type OrderRead = keyof typeof childrenOf;

/** A jsonRowsSql column's rows in the order of their numeric `key` (a line number, an id). */
function sortedBy<T extends Record<string, any>>(rows: T[], key: string): T[] {
  return rows.sort((a, b) => Number(a[key]) - Number(b[key]));
}

/** The select of orderRows per database and read, built once: it is the same text every time, and knex building it cost more than SQLite running it. */
const orderRowsSelect = new Map<string, string>();

/**
 * The order rows as the views read them, `where` being the condition on `orders`: with their customer's number and
 * name, who entered them, and the child tables `read` needs (lines, history, shipments, appointments, machine days)
 * as JSON columns, so that one statement reads whole orders however many.
 *
 * Customer and person are correlated subqueries, not joins: better-sqlite3's SQLite is built with STAT4, and once
 * ANALYZE has filled sqlite_stat4, a join whose bound value meets an indexed column (`orders.number = ?`) is planned
 * anew on every run, since the value might change the plan. The view of one order then took 180 µs instead of 23.
 */
async function orderRows(db: Conn, read: OrderRead, where: string, bindings: readonly unknown[]): Promise<any[]> {
  const key = `${isPostgres(db as Db)} ${read}`;
  let select = orderRowsSelect.get(key);
  if (!select) {
    const children = childColumns(db as Db).filter(([name]) => childrenOf[read].has(name)).map(([, sql]) => sql);
    select = `select orders.*,
      (select number from customers where customers.id = orders.customer_id) as customer_number,
      (select name from customers where customers.id = orders.customer_id) as customer_name,
      (select display_name from persons where persons.id = orders.entered_by_person_id) as entered_by_name,
      ${children.join(',\n      ')}
      from orders`;
    orderRowsSelect.set(key, select);
  }
  return rawRows(db as Db, `${select} where ${where}`, bindings);
}

/** Full views of several orders, in the order of `ids`. */
export async function loadOrderViews(db: Conn, ids: number[]): Promise<OrderView[]> {
  if (ids.length === 0) return [];
  const views = (await orderRows(db, 'view', `orders.id in (${ids.map(() => '?').join(', ')})`, ids)).map(viewOf);
  const position = new Map(ids.map((id, i) => [id, i]));
  return views.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** The summary of one row read by orderRows (any read). */
function summaryOf(o: any): OrderSummary {
  // Lines cancelled on their own (the goods of a mixed order whose appointment was cancelled late) are gone from the order.
  const orderLines = sortedBy(jsonArrayOf(o.lines_json), 'line_no').filter((l) => l.status !== 'cancelled').map((l): OrderLineView => ({
    lineNo: num(l.line_no), sku: l.sku, name: { de: l.name_de, en: l.name_en }, unit: { de: l.unit_de, en: l.unit_en },
    kind: l.kind, quantity: num(l.quantity), shippedQuantity: num(l.shipped_quantity),
    unitPriceCents: num(l.unit_price_cents), vatRate: num(l.vat_rate) as VatRate, netCents: num(l.net_cents),
  }));
  return {
    id: num(o.id),
    number: o.number,
    customer: { id: num(o.customer_id), number: o.customer_number, name: o.customer_name },
    status: o.status,
    version: num(o.version),
    lines: orderLines,
    totals: totalsWithDocumentDiscount(orderLines, o.document_discount_basis_points == null ? null : num(o.document_discount_basis_points)),
    deliveryAddress: o.delivery_street
      ? { name: o.delivery_name, street: o.delivery_street, postcode: o.delivery_postcode, city: o.delivery_city, country: o.delivery_country }
      : null,
    requestedDate: o.requested_date,
    promisedDate: o.promised_date,
    backorderChoice: o.backorder_choice,
    holdReason: o.hold_reason,
    enteredBy: o.entered_by_person_id == null ? null : { personId: num(o.entered_by_person_id), name: o.entered_by_name },
    channel: o.channel,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    shipments: sortedBy(jsonArrayOf(o.shipments_json), 'id').map((s) => ({
      deliveryNoteNumber: s.delivery_note_number, carrier: s.carrier, trackingNumber: s.tracking_number,
      lines: sortedBy(jsonArrayOf(s.lines), 'line_no').map((sl) => ({ lineNo: num(sl.line_no), quantity: num(sl.quantity) })),
      createdByPersonId: numOrNull(s.created_by_person_id), createdAt: s.created_at,
    })),
  };
}

/** The view of one row read by orderRows as a view. */
function viewOf(o: any): OrderView {
  const appointments = new Map<string, ServiceBookingView>();
  for (const b of sortedBy(jsonArrayOf(o.bookings_json), 'id')) {
    const key = `${b.sku}|${b.starts_at}|${b.status}`;
    const entry: ServiceBookingView = appointments.get(key) ?? { sku: b.sku, resourceIds: [], start: b.starts_at, end: b.ends_at, status: b.status };
    entry.resourceIds.push(b.resource_id);
    appointments.set(key, entry);
  }
  return {
    ...summaryOf(o),
    history: sortedBy(jsonArrayOf(o.history_json), 'id').map((h) => ({
      from: h.from_status, to: h.to_status, actorPersonId: numOrNull(h.actor_person_id), actorName: h.actor_name ?? null,
      actorRole: h.actor_role, channel: h.channel, reason: h.reason, details: h.details ? JSON.parse(h.details) : null, at: h.at,
    })),
    serviceBookings: [...appointments.values()],
    production: jsonArrayOf(o.production_json).sort((a, b) => String(a.date).localeCompare(String(b.date)) || Number(a.id) - Number(b.id)).map((c) => ({ resourceId: c.resource_id, date: c.date, units: num(c.units) })),
  };
}

/** The order behind a number, or null when it does not exist or the actor may not see it (no hint either way). */
export async function getOrder(db: Db, actor: Actor, number: string): Promise<OrderView | null> {
  const [row] = await orderRows(db, 'view', 'orders.number = ?', [String(number).trim()]);
  if (!row || !may(actor, 'seeOrder', { customerId: num(row.customer_id) })) return null;
  return viewOf(row);
}

/** What getOrder finds, read as a summary (lines and shipments, no history, appointments or machine days). */
export async function getOrderSummary(db: Db, actor: Actor, number: string): Promise<OrderSummary | null> {
  const [row] = await orderRows(db, 'summary', 'orders.number = ?', [String(number).trim()]);
  if (!row || !may(actor, 'seeOrder', { customerId: num(row.customer_id) })) return null;
  return summaryOf(row);
}

export interface OrderFilter {
  statuses?: OrderStatus[];
  customerId?: number;
  /** Past their promised date and not shipped yet. */
  late?: boolean;
  /** Ready to ship, or promised for today or earlier. */
  shipToday?: boolean;
  limit?: number;
  offset?: number;
}

/** Newest first. Customers get their own account's orders whatever customerId they pass. */
export async function listOrders(db: Db, actor: Actor, filter: OrderFilter, now: Date = new Date()): Promise<{ orders: OrderView[]; total: number }> {
  const today = berlinToday(now);
  const query = db('orders');
  if (actor.role === 'customer') {
    if (actor.customerId == null) return { orders: [], total: 0 };
    query.where('customer_id', actor.customerId);
  } else if (filter.customerId != null) {
    query.where('customer_id', filter.customerId);
  }
  if (filter.statuses?.length) query.whereIn('status', filter.statuses);
  if (filter.late) wherePromisedDateRule(query, lateRule(today));
  if (filter.shipToday) wherePromisedDateRule(query, dueToShipRule(today));
  const countRow = await query.clone().count({ n: '*' }).first();
  const limit = Math.min(Math.max(filter.limit ?? 20, 1), 200);
  const rows = await query.clone().orderBy('id', 'desc').limit(limit).offset(Math.max(filter.offset ?? 0, 0)).select('id');
  return { orders: await loadOrderViews(db, rows.map((r: any) => num(r.id))), total: Number(countRow?.n ?? 0) };
}

// ---------------------------------------------------------------- checking while drafting

export function findInCatalog(catalog: readonly Product[], sku: string): Product | undefined {
  return catalog.find((p) => p.sku.toUpperCase() === String(sku).trim().toUpperCase());
}

/**
 * Stock and production answers for the lines of a draft, before anything is placed. A caller that read the catalog
 * this turn passes it, so it is not read again.
 */
export async function checkLines(db: Db, lines: { sku: string; quantity: number }[], now: Date = new Date(), catalogRead?: readonly Product[]): Promise<LineCheck[]> {
  const catalog = catalogRead ?? (await listProducts(db));
  const today = berlinToday(now);
  const products = lines.map((l) => findInCatalog(catalog, l.sku));
  const goodsSkus = [...new Set(products.filter((p) => p?.kind === 'goods').map((p) => p!.sku))];
  const reserved = await reservedBySku(db, goodsSkus);
  // Flagged before any stock or machine planning: a huge quantity would otherwise plan production for ages.
  const planned = lines.map((line, i) => (products[i]?.kind === 'made_to_order' && isValidQuantity(line.quantity) ? i : -1)).filter((i) => i >= 0);
  const plans = await planMachineDays(db, planned.map((i) => ({ resourceId: products[i]!.resourceIds[0], quantity: lines[i].quantity })), today);
  const planOf = new Map(planned.map((lineIndex, k) => [lineIndex, plans[k]]));
  const askedBefore = new Map<string, number>(); // earlier lines of this draft count as reserved too
  const result: LineCheck[] = [];
  for (const [i, line] of lines.entries()) {
    const product = products[i];
    if (!product) { result.push({ sku: line.sku, quantity: line.quantity, kind: null, ok: false }); continue; }
    const base = { sku: product.sku, quantity: line.quantity, kind: product.kind };
    if (!isValidQuantity(line.quantity)) { result.push({ ...base, ok: false, badQuantity: true }); continue; }
    if (product.kind === 'goods') {
      const alreadyAsked = askedBefore.get(product.sku) ?? 0;
      askedBefore.set(product.sku, alreadyAsked + line.quantity);
      const question = { onHand: product.onHand ?? 0, reserved: (reserved.get(product.sku) ?? 0) + alreadyAsked, requested: line.quantity, restockDate: product.restockDate };
      const answer = checkStock(question);
      result.push(answer.ok
        ? { ...base, ok: true, available: availableStock(question.onHand, question.reserved) }
        : { ...base, ok: false, available: answer.available, shortBy: answer.shortBy, restockDate: answer.restockDate });
    } else if (product.kind === 'made_to_order') {
      result.push({ ...base, ok: true, completionDate: planOf.get(i)!.completionDate });
    } else {
      result.push({ ...base, ok: true });
    }
  }
  return result;
}

// ---------------------------------------------------------------- writing

/** The order columns a step reads and changes. */
export interface OrderRow {
  id: number;
  number: string;
  customer_id: number;
  status: OrderStatus;
  version: number;
}

/**
 * The order behind a number. `lock`: held for the transaction on PostgreSQL (SQLite's single writer already
 * serializes); without it a concurrent change shows as a version conflict when the step is written.
 */
export async function findOrderRow(trx: Knex.Transaction, number: string, options: { lock?: boolean } = {}): Promise<OrderRow | null> {
  const query = trx('orders').where({ number: String(number).trim() });
  if (options.lock && isPostgres(trx)) query.forUpdate();
  const row = await query.first('id', 'number', 'customer_id', 'status', 'version');
  return row ? { id: num(row.id), number: row.number, customer_id: num(row.customer_id), status: row.status, version: num(row.version) } : null;
}

/** Several orders by id, locked for the transaction (PostgreSQL), in id order so two callers lock alike. */
export async function lockOrdersById(trx: Knex.Transaction, ids: readonly number[]): Promise<Map<number, OrderRow>> {
  const found = new Map<number, OrderRow>();
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1000) {
    const query = trx('orders').whereIn('id', sorted.slice(i, i + 1000)).orderBy('id').select('id', 'number', 'customer_id', 'status', 'version');
    if (isPostgres(trx)) query.forUpdate();
    for (const row of await query) found.set(num(row.id), { id: num(row.id), number: row.number, customer_id: num(row.customer_id), status: row.status, version: num(row.version) });
  }
  return found;
}

export async function orderFacts(trx: Conn, order: { id: number; customer_id: number }): Promise<OrderFacts> {
  const lines = await trx('order_lines').where({ order_id: order.id }).whereNot({ status: 'cancelled' }).select('quantity', 'shipped_quantity', 'kind');
  return orderFactsOf(num(order.customer_id), lines.map((l: any) => ({ quantity: num(l.quantity), shippedQuantity: num(l.shipped_quantity), kind: l.kind })));
}

/**
 * Moves an order one step, guarded by its version (optimistic concurrency), and writes the history row.
 * Returns the new version, or null when someone else changed the order first.
 */
export async function applyStatus(
  trx: Knex.Transaction,
  order: OrderRow,
  to: OrderStatus,
  actor: Actor,
  now: Date,
  extra: { reason?: string | null; details?: Record<string, unknown> | null; set?: Record<string, unknown> } = {},
): Promise<{ version: number; historyId: number } | null> {
  const at = now.toISOString();
  const updated = await trx('orders')
    .where({ id: order.id, version: order.version })
    .update({ ...extra.set, status: to, version: order.version + 1, updated_at: at });
  if (updated === 0) return null;
  const historyId = await insertHistory(trx, order.id, order.status, to, actor, now, extra.reason ?? null, extra.details ?? null);
  order.status = to;
  order.version += 1;
  return { version: order.version, historyId };
}

/** The domain's date rule as SQL; promised dates are 'YYYY-MM-DD' strings, so text order is date order. */
function wherePromisedDateRule(query: Knex.QueryBuilder, rule: PromisedDateRule): void {
  query.where((q) => {
    if (rule.always.length) q.whereIn('status', [...rule.always]);
    q.orWhere((q2) => q2.whereIn('status', [...rule.statuses]).where('promised_date', '<', rule.promisedBefore));
  });
}

/**
 * Locks the rows whose quantities the checks depend on (PostgreSQL); SQLite's single writer already serializes.
 * The customer row too: two orders of one customer at once must not both fit under the credit limit.
 */
export async function lockForPlacing(trx: Knex.Transaction, customerId: number, skus: string[], resourceIds: string[]): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx('customers').where({ id: customerId }).forUpdate().select('id');
  if (skus.length) await trx('products').whereIn('sku', [...skus].sort()).orderBy('sku').forUpdate().select('sku');
  if (resourceIds.length) await trx('resources').whereIn('id', [...resourceIds].sort()).orderBy('id').forUpdate().select('id');
}

/**
 * What a customer owes or will owe (domain/credit.ts): open invoices from the indexed invoices query, plus the
 * uninvoiced part of accepted orders that are not invoiced yet (only orders in those statuses are read, never the
 * lines of past orders), and the oldest unpaid invoice's due date.
 */
export async function creditExposure(trx: Conn, customerId: number): Promise<{ openReceivablesCents: number; oldestDueDate: string | null }> {
  const invoices = await openInvoiceExposure(trx, customerId);
  const lines = await trx('order_lines')
    .join('orders', 'orders.id', 'order_lines.order_id')
    .where('orders.customer_id', customerId)
    .whereIn('orders.status', [...ordersCountedUntilInvoiced])
    .whereNot('order_lines.status', 'cancelled')
    .select('order_lines.order_id', 'order_lines.net_cents', 'order_lines.vat_rate', 'orders.document_discount_basis_points');
  const perOrder = new Map<number, { netCents: number; vatRate: VatRate }[]>();
  const discounts = new Map<number, number | null>();
  for (const l of lines) {
    perOrder.set(num(l.order_id), [...(perOrder.get(num(l.order_id)) ?? []), { netCents: num(l.net_cents), vatRate: num(l.vat_rate) as VatRate }]);
    discounts.set(num(l.order_id), l.document_discount_basis_points == null ? null : num(l.document_discount_basis_points));
  }
  const billed = perOrder.size === 0 ? new Map<number, number>() : await invoicedGrossByOrder(trx, [...perOrder.keys()]);
  let sum = invoices.openCents;
  for (const [orderId, orderLines] of perOrder) sum += uninvoicedCents(totalsWithDocumentDiscount(orderLines, discounts.get(orderId)).grossCents, billed.get(orderId) ?? 0);
  return { openReceivablesCents: sum, oldestDueDate: invoices.oldestDueDate };
}

/** The order a chat draft became, if it was placed already: { id, customerId } or null. */
export async function findByDraftKey(db: Conn, draftKey: string): Promise<{ id: number; customerId: number } | null> {
  const row = await db('orders').where({ draft_key: draftKey }).first('id', 'customer_id');
  return row ? { id: num(row.id), customerId: num(row.customer_id) } : null;
}

export interface NewOrder {
  number: string;
  customerId: number;
  actor: Actor;
  deliveryAddress: Address | null;
  requestedDate: string | null;
  promisedDate: string | null;
  backorderChoice: BackorderChoice;
  draftKey: string | null;
  origin: { channelId: string; conversationId: string } | null;
  /** An order made from an accepted quote: the quote, and its document discount (basis points) its invoices bill. */
  quoteId?: number | null;
  documentDiscountBasisPoints?: number | null;
}

/** Writes a received order (version 1) and returns its id; its lines follow with insertOrderLine. */
export async function insertOrder(trx: Knex.Transaction, o: NewOrder, now: Date): Promise<number> {
  const at = now.toISOString();
  const address = o.deliveryAddress;
  const [inserted] = await trx('orders')
    .insert({
      number: o.number, customer_id: o.customerId, status: 'received', version: 1, entered_by_person_id: o.actor.personId,
      channel: o.actor.channel, delivery_name: address?.name ?? null, delivery_street: address?.street ?? null,
      delivery_postcode: address?.postcode ?? null, delivery_city: address?.city ?? null,
      delivery_country: address?.country ?? null, requested_date: o.requestedDate, promised_date: o.promisedDate,
      backorder_choice: o.backorderChoice, hold_reason: null, draft_key: o.draftKey, created_at: at, updated_at: at,
      origin_channel_id: o.origin?.channelId ?? null, origin_conversation_id: o.origin?.conversationId ?? null,
      ...(o.quoteId ? { quote_id: o.quoteId, document_discount_basis_points: o.documentDiscountBasisPoints ?? null } : {}),
    })
    .returning('id');
  return typeof inserted === 'object' ? num(inserted.id) : num(inserted);
}

export interface NewOrderLine {
  sku: string;
  name: Localized;
  unit: Localized;
  kind: ProductKind;
  quantity: number;
  unitPriceCents: number;
  vatRate: VatRate;
  /** After the line discount, when a quote gave one. */
  netCents: number;
  /** A quoted line discount in basis points (10 % = 1000). */
  discountBasisPoints?: number | null;
}

export async function insertOrderLine(trx: Knex.Transaction, orderId: number, lineNo: number, line: NewOrderLine): Promise<number> {
  const [row] = await trx('order_lines')
    .insert({
      order_id: orderId, line_no: lineNo, sku: line.sku, name_de: line.name.de, name_en: line.name.en,
      unit_de: line.unit.de, unit_en: line.unit.en, kind: line.kind, quantity: line.quantity, shipped_quantity: 0,
      unit_price_cents: line.unitPriceCents, vat_rate: line.vatRate, net_cents: line.netCents,
      ...(line.discountBasisPoints ? { discount_basis_points: line.discountBasisPoints } : {}),
    })
    .returning('id');
  return typeof row === 'object' ? num(row.id) : num(row);
}

export async function orderLineIds(trx: Conn, orderId: number): Promise<number[]> {
  return (await trx('order_lines').where({ order_id: orderId }).orderBy('line_no').select('id')).map((r: any) => num(r.id));
}

/** Records what a shipment took of each line. */
export async function addShippedQuantity(trx: Knex.Transaction, lineId: number, quantity: number): Promise<void> {
  await trx('order_lines').where({ id: lineId }).increment('shipped_quantity', quantity);
}

/** Changes order columns besides the status, guarded by and bumping the version; false: someone else was first. */
export async function updateOrder(trx: Knex.Transaction, order: OrderRow, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const updated = await trx('orders').where({ id: order.id, version: order.version }).update({ ...set, version: order.version + 1, updated_at: now.toISOString() });
  if (updated === 0) return false;
  order.version += 1;
  return true;
}
