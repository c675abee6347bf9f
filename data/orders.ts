import type { Knex } from 'knex';
import { acceptanceSteps, followUpSteps, holdReasonAfter } from '../domain/acceptance';
import { availableStock, checkStock, splitPartial, type BackorderChoice } from '../domain/availability';
import { berlinDateOf, berlinToday } from '../domain/calendar';
import type { Product, ProductKind, VatRate } from '../domain/catalog';
import { planProduction, withinPlanningHorizon } from '../domain/capacity';
import { checkCredit } from '../domain/credit';
import { allowedTransitions, checkTransition, isOrderStatus, orderFactsOf, type OrderFacts, type OrderStatus } from '../domain/lifecycle';
import type { Localized } from '../domain/locale';
import { customerNotificationFor, staffReviewKind, staffReviewRecipients, staffReviewRoles, staffReviewWanted } from '../domain/notifications';
import { DEFAULT_ORDER_LIMITS, isValidQuantity, priceDraft, validateDraft, type OrderLimits } from '../domain/order';
import {
  mayPlaceOrderFor, maySeeOrder, productionStart, promisedDate, receivableStatuses,
  lateRule, dueToShipRule, type OrderActor, type OrderProblem, type PromisedDateRule,
} from '../domain/orderChecks';
import type { Address } from '../domain/parties';
import { computeTotals, type Totals } from '../domain/vat';
import type { BusyPeriod } from '../domain/slots';
import { bookedMachineUnits, checkServiceSlot, releaseOrderBookings } from './bookings';
import { listProducts } from './catalog';
import { Db, isPostgres } from './db';
import { customerPersonIds, insertHistory, notifyAboutHistory, personIdsWithRoles } from './history';
import { isUniqueViolation } from './idempotency';
import { nextNumber } from './numbering';
import { orderOrigin, type ConversationAddress } from './orderOrigin';
import { getCustomer } from './parties';

export type Actor = OrderActor;
export type { OrderProblem } from '../domain/orderChecks';

export interface OrderInput {
  customerId: number;
  lines: { sku: string; quantity: number }[];
  deliveryAddress?: Address | null;
  requestedDate?: string | null;
  /** What to do when stock is short; without it a shortage comes back as problem out_of_stock. */
  backorderChoice?: 'backorder' | 'partial' | null;
  serviceSlots?: { sku: string; start: string }[];
  /** The chat's id for the draft: confirming the same draft twice returns the first order. */
  draftKey?: string;
  /** The chat conversation the order is placed from: its creator's notifications go there. */
  conversation?: ConversationAddress;
  /** Bounds on quantities and the planning horizon (bot/config.ts); the domain defaults without it. */
  limits?: OrderLimits;
}

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

export type PlaceOrderResult =
  | { ok: true; order: OrderView; created: boolean }
  | { ok: false; problems: OrderProblem[] };

export type TransitionResult =
  | { ok: true; order: OrderView }
  | { ok: false; code: 'not_found' | 'forbidden' | 'illegal' | 'conflict'; reasonCode?: string; allowed?: OrderStatus[] };

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

/** Loads full views of several orders with one query per table, in the order of `ids`. */
export async function loadOrderViews(db: Conn, ids: number[]): Promise<OrderView[]> {
  if (ids.length === 0) return [];
  // One after the other: a transaction is one connection, and pg does not queue concurrent queries on it.
  const orders = await db('orders')
    .join('customers', 'customers.id', 'orders.customer_id')
    .leftJoin('persons', 'persons.id', 'orders.entered_by_person_id')
    .whereIn('orders.id', ids)
    .select('orders.*', 'customers.number as customer_number', 'customers.name as customer_name', 'persons.display_name as entered_by_name');
  const lines = await db('order_lines').whereIn('order_id', ids).orderBy(['order_id', 'line_no']);
  const history = await db('order_history')
    .leftJoin('persons', 'persons.id', 'order_history.actor_person_id')
    .whereIn('order_id', ids)
    .orderBy('order_history.id')
    .select('order_history.*', 'persons.display_name as actor_name');
  const shipments = await db('shipments').whereIn('order_id', ids).orderBy('id');
  const shipmentLines = await db('shipment_lines').join('shipments', 'shipments.id', 'shipment_lines.shipment_id').whereIn('shipments.order_id', ids)
    .orderBy(['shipment_lines.shipment_id', 'shipment_lines.line_no']).select('shipment_lines.*');
  const bookings = await db('service_bookings').whereIn('order_id', ids).orderBy('id');
  const production = await db('capacity_bookings').whereIn('order_id', ids).orderBy(['date', 'id']);
  const byOrder = <T extends { order_id: unknown }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(num(r.order_id), [...(map.get(num(r.order_id)) ?? []), r]);
    return (id: number) => map.get(id) ?? [];
  };
  const linesOf = byOrder(lines);
  const historyOf = byOrder(history);
  const shipmentsOf = byOrder(shipments);
  const bookingsOf = byOrder(bookings);
  const productionOf = byOrder(production);

  const views = orders.map((o: any): OrderView => {
    const id = num(o.id);
    const orderLines = linesOf(id).map((l: any): OrderLineView => ({
      lineNo: num(l.line_no), sku: l.sku, name: { de: l.name_de, en: l.name_en }, unit: { de: l.unit_de, en: l.unit_en },
      kind: l.kind, quantity: num(l.quantity), shippedQuantity: num(l.shipped_quantity),
      unitPriceCents: num(l.unit_price_cents), vatRate: num(l.vat_rate) as VatRate, netCents: num(l.net_cents),
    }));
    const appointments = new Map<string, ServiceBookingView>();
    for (const b of bookingsOf(id) as any[]) {
      const key = `${b.sku}|${b.starts_at}|${b.status}`;
      const entry: ServiceBookingView = appointments.get(key) ?? { sku: b.sku, resourceIds: [], start: b.starts_at, end: b.ends_at, status: b.status };
      entry.resourceIds.push(b.resource_id);
      appointments.set(key, entry);
    }
    return {
      id,
      number: o.number,
      customer: { id: num(o.customer_id), number: o.customer_number, name: o.customer_name },
      status: o.status,
      version: num(o.version),
      lines: orderLines,
      totals: computeTotals(orderLines),
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
      history: historyOf(id).map((h: any) => ({
        from: h.from_status, to: h.to_status, actorPersonId: numOrNull(h.actor_person_id), actorName: h.actor_name ?? null,
        actorRole: h.actor_role, channel: h.channel, reason: h.reason, details: h.details ? JSON.parse(h.details) : null, at: h.at,
      })),
      shipments: shipmentsOf(id).map((s: any) => ({
        deliveryNoteNumber: s.delivery_note_number, carrier: s.carrier, trackingNumber: s.tracking_number,
        lines: shipmentLines.filter((sl: any) => num(sl.shipment_id) === num(s.id)).map((sl: any) => ({ lineNo: num(sl.line_no), quantity: num(sl.quantity) })),
        createdByPersonId: numOrNull(s.created_by_person_id), createdAt: s.created_at,
      })),
      serviceBookings: [...appointments.values()],
      production: productionOf(id).map((c: any) => ({ resourceId: c.resource_id, date: c.date, units: num(c.units) })),
    };
  });
  const position = new Map(ids.map((id, i) => [id, i]));
  return views.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** The order behind a number, or null when it does not exist or the actor may not see it (no hint either way). */
export async function getOrder(db: Db, actor: Actor, number: string): Promise<OrderView | null> {
  const row = await db('orders').where({ number: String(number).trim() }).first('id', 'customer_id');
  if (!row || !maySeeOrder(actor, num(row.customer_id))) return null;
  const [view] = await loadOrderViews(db, [num(row.id)]);
  return view ?? null;
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

async function reservedBySku(db: Conn, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db('stock_reservations').whereIn('sku', skus).where({ status: 'reserved' }).groupBy('sku').select('sku').sum({ n: 'quantity' });
  return new Map(rows.map((r: any) => [r.sku, Number(r.n)]));
}

async function machineCapacity(db: Conn, resourceId: string): Promise<number> {
  const row = await db('resources').where({ id: resourceId }).first('units_per_day');
  if (!row || row.units_per_day == null) throw new Error(`resource ${resourceId} has no daily capacity`);
  return Number(row.units_per_day);
}

function findInCatalog(catalog: readonly Product[], sku: string): Product | undefined {
  return catalog.find((p) => p.sku.toUpperCase() === String(sku).trim().toUpperCase());
}

/** Stock and production answers for the lines of a draft, before anything is placed. */
export async function checkLines(db: Db, lines: { sku: string; quantity: number }[], now: Date = new Date()): Promise<LineCheck[]> {
  const catalog = await listProducts(db);
  const today = berlinToday(now);
  const products = lines.map((l) => findInCatalog(catalog, l.sku));
  const goodsSkus = [...new Set(products.filter((p) => p?.kind === 'goods').map((p) => p!.sku))];
  const reserved = await reservedBySku(db, goodsSkus);
  const askedBefore = new Map<string, number>(); // earlier lines of this draft count as reserved too
  const machineBooked = new Map<string, Record<string, number>>();
  const result: LineCheck[] = [];
  for (const [i, line] of lines.entries()) {
    const product = products[i];
    if (!product) { result.push({ sku: line.sku, quantity: line.quantity, kind: null, ok: false }); continue; }
    const base = { sku: product.sku, quantity: line.quantity, kind: product.kind };
    // Flagged before any stock or machine planning: a huge quantity would otherwise plan production for ages.
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
      const resourceId = product.resourceIds[0];
      const from = productionStart(today);
      const booked = machineBooked.get(resourceId) ?? (await bookedMachineUnits(db, resourceId, from));
      const plan = planProduction({ quantity: line.quantity, unitsPerDay: await machineCapacity(db, resourceId), booked, from });
      machineBooked.set(resourceId, addAllocations(booked, plan.allocations));
      result.push({ ...base, ok: true, completionDate: plan.completionDate });
    } else {
      result.push({ ...base, ok: true });
    }
  }
  return result;
}

function addAllocations(booked: Record<string, number>, allocations: { date: string; units: number }[]): Record<string, number> {
  const next = { ...booked };
  for (const a of allocations) next[a.date] = (next[a.date] ?? 0) + a.units;
  return next;
}

// ---------------------------------------------------------------- status changes

interface OrderRow {
  id: number;
  number: string;
  customer_id: number;
  status: OrderStatus;
  version: number;
}

const systemActor = (channel: string): Actor => ({ personId: null, role: 'system', customerId: null, channel });

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

async function orderFacts(trx: Conn, order: { id: number; customer_id: number }): Promise<OrderFacts> {
  const lines = await trx('order_lines').where({ order_id: order.id }).select('quantity', 'shipped_quantity', 'kind');
  return orderFactsOf(num(order.customer_id), lines.map((l: any) => ({ quantity: num(l.quantity), shippedQuantity: num(l.shipped_quantity), kind: l.kind })));
}

/** The order columns a step changes besides its status, as the domain decides them. */
function holdReasonSet(from: OrderStatus, to: OrderStatus, reason: string | null | undefined): Record<string, unknown> {
  const holdReason = holdReasonAfter(from, to, reason);
  return holdReason === undefined ? {} : { hold_reason: holdReason };
}

/** A step the automatic checks take; the lifecycle table must allow it, or the code is wrong. */
async function systemStep(trx: Knex.Transaction, order: OrderRow, to: OrderStatus, channel: string, now: Date, extra: Parameters<typeof applyStatus>[5] = {}) {
  const check = checkTransition({ from: order.status, to, role: 'system', reason: extra.reason, order: await orderFacts(trx, order) });
  if (!check.ok) throw new Error(`automatic step ${order.status} → ${to} refused: ${check.code}`);
  const applied = await applyStatus(trx, order, to, systemActor(channel), now, extra);
  if (!applied) throw new Error(`order ${order.number} changed during its automatic checks`);
  return applied;
}

// ---------------------------------------------------------------- notifications

/** Queues the messages a status change causes (domain/notifications decides who hears of it), in its transaction. */
export async function notifyStatusChange(
  trx: Knex.Transaction,
  order: OrderRow,
  historyId: number,
  payload: Record<string, unknown>,
  now: Date,
  options: { actorPersonId?: number | null } = {},
): Promise<void> {
  const kind = customerNotificationFor(order.status);
  const base = { orderNumber: order.number, orderId: order.id, status: order.status, ...payload };
  const event = { orderId: order.id, historyId };
  const origin = await orderOrigin(trx, order.id);
  if (kind) {
    await notifyAboutHistory(trx, event, await customerPersonIds(trx, num(order.customer_id)), { kind, payload: base }, now, origin);
  }
  if (staffReviewWanted(order.status)) {
    const staff = staffReviewRecipients(await personIdsWithRoles(trx, staffReviewRoles), options.actorPersonId);
    await notifyAboutHistory(trx, event, staff, { kind: staffReviewKind, payload: base, keyTag: 'review' }, now, origin);
  }
}

// ---------------------------------------------------------------- placing

/**
 * Locks the rows whose quantities the checks depend on (PostgreSQL); SQLite's single writer already serializes.
 * The customer row too: two orders of one customer at once must not both fit under the credit limit.
 */
async function lockRows(trx: Knex.Transaction, customerId: number, skus: string[], resourceIds: string[]): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx('customers').where({ id: customerId }).forUpdate().select('id');
  if (skus.length) await trx('products').whereIn('sku', [...skus].sort()).orderBy('sku').forUpdate().select('sku');
  if (resourceIds.length) await trx('resources').whereIn('id', [...resourceIds].sort()).orderBy('id').forUpdate().select('id');
}

async function openReceivablesCents(trx: Conn, customerId: number): Promise<number> {
  const lines = await trx('order_lines')
    .join('orders', 'orders.id', 'order_lines.order_id')
    .where('orders.customer_id', customerId)
    .whereIn('orders.status', [...receivableStatuses])
    .select('order_lines.order_id', 'order_lines.net_cents', 'order_lines.vat_rate');
  const perOrder = new Map<number, { netCents: number; vatRate: VatRate }[]>();
  for (const l of lines) perOrder.set(num(l.order_id), [...(perOrder.get(num(l.order_id)) ?? []), { netCents: num(l.net_cents), vatRate: num(l.vat_rate) as VatRate }]);
  let sum = 0;
  for (const orderLines of perOrder.values()) sum += computeTotals(orderLines).grossCents;
  return sum;
}

async function findByDraftKey(db: Conn, actor: Actor, draftKey: string): Promise<PlaceOrderResult | null> {
  const row = await db('orders').where({ draft_key: draftKey }).first('id', 'customer_id');
  if (!row) return null;
  if (!maySeeOrder(actor, num(row.customer_id))) return { ok: false, problems: [{ code: 'forbidden' }] };
  const [order] = await loadOrderViews(db, [num(row.id)]);
  return { ok: true, order, created: false };
}

/**
 * Places an order and runs the automatic checks, all in one transaction: either the order exists with its
 * reservations, bookings, history and messages, or (problems) nothing was written at all.
 */
export async function placeOrder(db: Db, actor: Actor, input: OrderInput, now: Date = new Date()): Promise<PlaceOrderResult> {
  if (input.draftKey) {
    const earlier = await findByDraftKey(db, actor, input.draftKey);
    if (earlier) return earlier;
  }
  try {
    return await db.transaction((trx) => placeInTransaction(trx, actor, input, now));
  } catch (err) {
    // The same draft confirmed twice at the same moment: the other confirmation won.
    if (input.draftKey && isUniqueViolation(err)) {
      const earlier = await findByDraftKey(db, actor, input.draftKey);
      if (earlier) return earlier;
    }
    throw err;
  }
}

async function placeInTransaction(trx: Knex.Transaction, actor: Actor, input: OrderInput, now: Date): Promise<PlaceOrderResult> {
  const fail = (...problems: OrderProblem[]): PlaceOrderResult => ({ ok: false, problems });
  if (!mayPlaceOrderFor(actor, input.customerId)) return fail({ code: 'forbidden', field: 'customerId' });
  const customer = await getCustomer(trx, input.customerId);
  if (!customer) return fail({ code: 'unknown_customer', field: 'customerId' });

  const today = berlinToday(now);
  const catalog = await listProducts(trx);
  const draft = {
    customerId: customer.id,
    lines: input.lines.map((l) => ({ sku: String(l.sku), quantity: l.quantity })),
    deliveryAddress: input.deliveryAddress ?? null,
    requestedDate: input.requestedDate ?? null,
  };
  const limits = input.limits ?? DEFAULT_ORDER_LIMITS;
  const problems: OrderProblem[] = validateDraft(draft, { catalog, today, limits });
  const slots = input.serviceSlots ?? [];
  for (const slot of slots) {
    const product = findInCatalog(catalog, slot.sku);
    if (!product || product.kind !== 'service' || !draft.lines.some((l) => findInCatalog(catalog, l.sku) === product)) {
      problems.push({ code: 'slot_without_service', field: 'serviceSlots', sku: slot.sku, start: slot.start });
    }
  }
  if (problems.length) return fail(...problems);

  const priced = priceDraft(draft, catalog).lines;
  const productOf = (sku: string) => findInCatalog(catalog, sku)!;
  const goodsSkus = [...new Set(priced.filter((l) => l.kind === 'goods').map((l) => l.sku))];
  const machineIds = [...new Set(priced.filter((l) => l.kind === 'made_to_order').map((l) => productOf(l.sku).resourceIds[0]))];
  const serviceResourceIds = slots.flatMap((s) => productOf(s.sku).resourceIds);
  await lockRows(trx, customer.id, goodsSkus, [...new Set([...machineIds, ...serviceResourceIds])]);

  // Stock: reserve what is there; a shortage needs the customer's choice first.
  const onHand = new Map((await trx('products').whereIn('sku', goodsSkus).select('sku', 'on_hand')).map((r: any) => [r.sku, num(r.on_hand ?? 0)]));
  const reserved = await reservedBySku(trx, goodsSkus);
  const freeNow = new Map(goodsSkus.map((sku) => [sku, availableStock(onHand.get(sku) ?? 0, reserved.get(sku) ?? 0)]));
  const shortages: OrderProblem[] = [];
  for (const sku of goodsSkus) {
    const requested = priced.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
    const answer = checkStock({ onHand: onHand.get(sku) ?? 0, reserved: reserved.get(sku) ?? 0, requested, restockDate: productOf(sku).restockDate });
    if (!answer.ok) {
      const lineIndex = draft.lines.findIndex((l) => findInCatalog(catalog, l.sku)?.sku === sku);
      shortages.push({ code: 'out_of_stock', field: `lines[${lineIndex}].quantity`, sku, available: answer.available, shortBy: answer.shortBy, restockDate: answer.restockDate });
    }
  }
  const backorderChoice = shortages.length ? input.backorderChoice ?? null : null;
  if (shortages.length && !backorderChoice) return fail(...shortages);
  const reservations = priced.map((line) => {
    if (line.kind !== 'goods') return 0;
    const { now: take } = splitPartial(line.quantity, freeNow.get(line.sku) ?? 0);
    freeNow.set(line.sku, (freeNow.get(line.sku) ?? 0) - take);
    return take;
  });

  // Made-to-order: plan into the earliest free machine days.
  const machineBooked = new Map<string, Record<string, number>>();
  const plans = new Map<number, { resourceId: string; allocations: { date: string; units: number }[]; completionDate: string }>();
  for (const [i, line] of priced.entries()) {
    if (line.kind !== 'made_to_order') continue;
    const resourceId = productOf(line.sku).resourceIds[0];
    const from = productionStart(today);
    const booked = machineBooked.get(resourceId) ?? (await bookedMachineUnits(trx, resourceId, from));
    const plan = planProduction({ quantity: line.quantity, unitsPerDay: await machineCapacity(trx, resourceId), booked, from });
    machineBooked.set(resourceId, addAllocations(booked, plan.allocations));
    plans.set(i, { resourceId, ...plan });
    if (!withinPlanningHorizon(plan.completionDate, today, limits)) {
      return fail({ code: 'beyond_planning_horizon', field: `lines[${i}].quantity`, sku: line.sku });
    }
  }

  // Services: every resource must be free at the requested start.
  const appointments: { sku: string; resourceIds: string[]; start: Date; end: Date }[] = [];
  const alsoBusy: BusyPeriod[] = [];
  for (const slot of slots) {
    const product = productOf(slot.sku);
    const quantity = priced.find((l) => l.sku === product.sku)!.quantity;
    const check = await checkServiceSlot(trx, product, quantity, slot.start, alsoBusy, now);
    if (!check.ok) return fail({ code: check.code, field: 'serviceSlots', sku: product.sku, start: slot.start });
    appointments.push({ sku: product.sku, resourceIds: product.resourceIds, start: check.start, end: check.end });
    alsoBusy.push(...product.resourceIds.map((resourceId) => ({ resourceId, start: check.start, end: check.end })));
  }

  // Credit: accepted but unpaid orders plus this one against the limit (no invoices exist yet).
  const totals = computeTotals(priced);
  const credit = checkCredit({
    creditLimitCents: customer.creditLimitCents,
    openReceivablesCents: await openReceivablesCents(trx, customer.id),
    orderGrossCents: totals.grossCents,
    oldestOverdueDays: null,
  });

  // ---- everything checked: write.
  const number = String(await nextNumber(trx, 'order'));
  const at = now.toISOString();
  const address = input.deliveryAddress ?? null;
  const promised = promisedDate({
    requestedDate: draft.requestedDate,
    completionDates: [...plans.values()].map((p) => p.completionDate),
    backorderRestockDates: backorderChoice === 'backorder' ? shortages.map((s) => s.restockDate ?? null) : [],
    serviceDates: appointments.map((a) => berlinDateOf(a.start)),
  });
  const [inserted] = await trx('orders')
    .insert({
      number, customer_id: customer.id, status: 'received', version: 1, entered_by_person_id: actor.personId,
      channel: actor.channel, delivery_name: address?.name ?? null, delivery_street: address?.street ?? null,
      delivery_postcode: address?.postcode ?? null, delivery_city: address?.city ?? null,
      delivery_country: address?.country ?? null, requested_date: draft.requestedDate, promised_date: promised,
      backorder_choice: backorderChoice, hold_reason: null, draft_key: input.draftKey ?? null, created_at: at, updated_at: at,
      origin_channel_id: input.conversation?.channelId ?? null, origin_conversation_id: input.conversation?.conversationId ?? null,
    })
    .returning('id');
  const orderId = typeof inserted === 'object' ? num(inserted.id) : num(inserted);
  const order: OrderRow = { id: orderId, number, customer_id: customer.id, status: 'received', version: 1 };
  await insertHistory(trx, orderId, null, 'received', actor, now, null, null);

  for (const [i, line] of priced.entries()) {
    const [lineRow] = await trx('order_lines')
      .insert({
        order_id: orderId, line_no: i + 1, sku: line.sku, name_de: line.name.de, name_en: line.name.en,
        unit_de: line.unit.de, unit_en: line.unit.en, kind: line.kind, quantity: line.quantity, shipped_quantity: 0,
        unit_price_cents: line.unitPriceCents, vat_rate: line.vatRate, net_cents: line.netCents,
      })
      .returning('id');
    const lineId = typeof lineRow === 'object' ? num(lineRow.id) : num(lineRow);
    if (reservations[i] > 0) {
      await trx('stock_reservations').insert({ order_line_id: lineId, sku: line.sku, quantity: reservations[i], status: 'reserved', created_at: at });
    }
    const plan = plans.get(i);
    if (plan) {
      await trx('capacity_bookings').insert(plan.allocations.map((a) => ({ resource_id: plan.resourceId, date: a.date, units: a.units, order_id: orderId })));
    }
  }
  for (const a of appointments) {
    await trx('service_bookings').insert(a.resourceIds.map((resourceId) => ({
      order_id: orderId, sku: a.sku, resource_id: resourceId, starts_at: a.start.toISOString(), ends_at: a.end.toISOString(), status: 'booked',
    })));
  }

  const checkDetails: Record<string, unknown> = {
    reserved: priced.map((l, i) => ({ sku: l.sku, quantity: reservations[i] })).filter((r) => r.quantity > 0),
  };
  if (shortages.length) checkDetails.backorder = { choice: backorderChoice, lines: shortages.map(({ sku, shortBy, restockDate }) => ({ sku, shortBy, restockDate })) };
  if (plans.size) checkDetails.production = [...plans.values()].map((p) => ({ resourceId: p.resourceId, completionDate: p.completionDate, days: p.allocations }));
  if (appointments.length) checkDetails.appointments = appointments.map((a) => ({ sku: a.sku, start: a.start.toISOString() }));

  const notice = { customerNumber: customer.number, grossCents: totals.grossCents, promisedDate: promised, backorderChoice, channel: actor.channel };
  // The first step records what the checks found (with a refused credit answer); the customer hears of the last.
  const steps = acceptanceSteps(credit);
  let last: { historyId: number } | null = null;
  for (const [i, step] of steps.entries()) {
    const details = i > 0 ? null : credit.ok ? checkDetails : { ...checkDetails, credit };
    last = await systemStep(trx, order, step.to, actor.channel, now, { reason: step.reason, details, set: holdReasonSet(order.status, step.to, step.reason) });
  }
  const lastReason = steps[steps.length - 1].reason;
  await notifyStatusChange(trx, order, last!.historyId, lastReason ? { ...notice, reason: lastReason } : notice, now);
  const [view] = await loadOrderViews(trx, [orderId]);
  return { ok: true, order: view, created: true };
}

// ---------------------------------------------------------------- transitions

/** Gives back reserved stock of a cancelled order. */
async function releaseReservations(trx: Knex.Transaction, orderId: number): Promise<void> {
  const lineIds = trx('order_lines').where({ order_id: orderId }).select('id');
  await trx('stock_reservations').whereIn('order_line_id', lineIds).where({ status: 'reserved' }).update({ status: 'released' });
}

/**
 * One step of the lifecycle by a person or an integration, atomic with its side effects. Two people
 * moving the same order at once: the version check lets one win and tells the other 'conflict'.
 */
export async function transitionOrder(
  db: Db,
  actor: Actor,
  number: string,
  change: { to: OrderStatus; reason?: string; expectedVersion?: number; details?: Record<string, unknown> },
  now: Date = new Date(),
): Promise<TransitionResult> {
  return db.transaction(async (trx): Promise<TransitionResult> => {
    const row = await trx('orders').where({ number: String(number).trim() }).first('id', 'number', 'customer_id', 'status', 'version');
    if (!row || !maySeeOrder(actor, num(row.customer_id))) return { ok: false, code: 'not_found' };
    const order: OrderRow = { id: num(row.id), number: row.number, customer_id: num(row.customer_id), status: row.status, version: num(row.version) };
    if (change.expectedVersion != null && change.expectedVersion !== order.version) return { ok: false, code: 'conflict' };
    if (!isOrderStatus(change.to)) return { ok: false, code: 'illegal', reasonCode: 'unknown_status', allowed: [] };
    // The one step to itself (a further partial shipment) is taken by recordShipment; here it would change nothing.
    if (change.to === order.status) return { ok: false, code: 'illegal', reasonCode: 'not_allowed', allowed: allowedTransitions(order.status) };
    const reason = change.reason?.trim() || null;
    const check = checkTransition({
      from: order.status, to: change.to, role: actor.role, actorCustomerId: actor.customerId, reason, order: await orderFacts(trx, order),
    });
    if (!check.ok) {
      const forbidden = check.code === 'role_not_permitted' || check.code === 'not_own_order';
      return { ok: false, code: forbidden ? 'forbidden' : 'illegal', reasonCode: check.code, allowed: check.allowed };
    }
    const from = order.status;
    const set = holdReasonSet(from, change.to, reason);
    const applied = await applyStatus(trx, order, change.to, actor, now, { reason, details: change.details ?? null, set });
    if (!applied) return { ok: false, code: 'conflict' };

    if (change.to === 'cancelled') {
      await releaseReservations(trx, order.id);
      await releaseOrderBookings(trx, order.id);
    }
    const payload = { reason, ...(change.details ?? {}) };
    await notifyStatusChange(trx, order, applied.historyId, payload, now, { actorPersonId: actor.personId });
    // E.g. a released hold goes on to confirmed by itself, and the customer hears so.
    for (const to of followUpSteps(from, change.to)) {
      const step = await systemStep(trx, order, to, actor.channel, now, { set: holdReasonSet(order.status, to, null) });
      await notifyStatusChange(trx, order, step.historyId, { releasedBy: actor.personId }, now);
    }
    const [view] = await loadOrderViews(trx, [order.id]);
    return { ok: true, order: view };
  });
}
