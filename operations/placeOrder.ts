import type { Knex } from 'knex';
import { checkServiceSlot } from '../data/bookings';
import { listProducts } from '../data/catalog';
import type { Db } from '../data/db';
import { isUniqueViolation } from '../data/idempotency';
import { nextNumber } from '../data/numbering';
import {
  findByDraftKey, findInCatalog, insertOrder, insertOrderLine, loadOrderViews, lockForPlacing, creditExposure,
  type Actor, type OrderRow, type OrderView,
} from '../data/orders';
import type { ConversationAddress } from '../data/orderOrigin';
import { getCustomer } from '../data/parties';
import { planMachineDays } from '../data/production';
import { onHandBySku, reservedBySku } from '../data/stock';
import { acceptanceSteps } from '../domain/acceptance';
import { availableStock, checkStock, splitPartial } from '../domain/availability';
import { berlinDateOf, berlinToday } from '../domain/calendar';
import { checkCredit, overdueDays } from '../domain/credit';
import { withinPlanningHorizon } from '../domain/capacity';
import { DEFAULT_ORDER_LIMITS, priceDraft, validateDraft, type OrderLimits } from '../domain/order';
import { promisedDate, type OrderProblem } from '../domain/orderChecks';
import type { Address } from '../domain/parties';
import { may } from '../domain/permissions';
import type { BusyPeriod } from '../domain/slots';
import type { VatRate } from '../domain/catalog';
import { roundHalfUp } from '../domain/money';
import type { PricedLine } from '../domain/order';
import { computeTotals, lineNetCents } from '../domain/vat';
import { runOperation, type Refuse } from './refusal';
import { automaticStep, recordPlacement, type Placement, type StepRefusal } from './steps';

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
  /** An order from an accepted quote (operations/quotes.ts): its prices, rates and discounts win over today's catalog. */
  quoted?: QuotedPrices;
}

/** Per input line (same order) the quoted price and discount, the document discount and the quote's gross. */
export interface QuotedPrices {
  quoteId: number;
  lines: { unitPriceCents: number; vatRate: VatRate; discountBasisPoints: number | null }[];
  documentDiscountBasisPoints: number | null;
  grossCents: number;
}

export type PlaceOrderResult =
  | { ok: true; order: OrderView; created: boolean }
  | { ok: false; problems: OrderProblem[] };

async function earlierPlacement(db: Db, actor: Actor, draftKey: string): Promise<PlaceOrderResult | null> {
  const earlier = await findByDraftKey(db, draftKey);
  if (!earlier) return null;
  if (!may(actor, 'seeOrder', { customerId: earlier.customerId })) return { ok: false, problems: [{ code: 'forbidden' }] };
  const [order] = await loadOrderViews(db, [earlier.id]);
  return { ok: true, order, created: false };
}

/**
 * Places an order and runs the automatic checks, all in one transaction: either the order exists with its
 * reservations, bookings, history and messages, or (problems) nothing was written at all.
 */
export async function placeOrder(db: Db, actor: Actor, input: OrderInput, now: Date = new Date()): Promise<PlaceOrderResult> {
  if (input.draftKey) {
    const earlier = await earlierPlacement(db, actor, input.draftKey);
    if (earlier) return earlier;
  }
  try {
    return await runOperation<PlaceOrderResult>(db, (trx, refuse) => place(trx, actor, input, now, refuse));
  } catch (err) {
    // The same draft confirmed twice at the same moment: the other confirmation won.
    if (input.draftKey && isUniqueViolation(err)) {
      const earlier = await earlierPlacement(db, actor, input.draftKey);
      if (earlier) return earlier;
    }
    // Another order took one of the slots at the same moment (the database's one-booking-per-quarter-hour rule).
    if (isUniqueViolation(err) && input.serviceSlots?.length) {
      const taken = await takenSlot(db, input, now);
      if (taken) return { ok: false, problems: [taken] };
    }
    throw err;
  }
}

/** Which of the order's wished slots is gone now, as the problem to answer with. */
async function takenSlot(db: Db, input: OrderInput, now: Date): Promise<OrderProblem | null> {
  const catalog = await listProducts(db);
  for (const slot of input.serviceSlots ?? []) {
    const product = findInCatalog(catalog, slot.sku);
    const line = input.lines.find((l) => findInCatalog(catalog, String(l.sku)) === product);
    if (!product || !line) continue;
    const check = await checkServiceSlot(db, product, line.quantity, slot.start, [], now);
    if (!check.ok) return { code: 'slot_taken', field: 'serviceSlots', sku: product.sku, start: slot.start };
  }
  return null;
}

/**
 * Places an order inside the caller's transaction (accepting a quote places its order in the quote's transaction);
 * a problem calls `refuse`, which rolls everything back.
 */
export async function placeOrderIn(trx: Knex.Transaction, actor: Actor, input: OrderInput, now: Date, refuse: Refuse<PlaceOrderResult>): Promise<PlaceOrderResult> {
  return place(trx, actor, input, now, refuse);
}

/** The quoted prices over the catalog's: unit price, rate and the line's net after its discount (domain/invoice.ts rule 2). */
function withQuotedPrices(priced: PricedLine[], quoted: QuotedPrices | undefined): (PricedLine & { discountBasisPoints?: number | null })[] {
  if (!quoted) return priced;
  return priced.map((line, i) => {
    const q = quoted.lines[i];
    if (!q) return line;
    const amount = lineNetCents(q.unitPriceCents, line.quantity);
    const discount = q.discountBasisPoints ? roundHalfUp(amount * q.discountBasisPoints, 10_000) : 0;
    return { ...line, unitPriceCents: q.unitPriceCents, vatRate: q.vatRate, netCents: amount - discount, discountBasisPoints: q.discountBasisPoints };
  });
}

async function place(trx: Knex.Transaction, actor: Actor, input: OrderInput, now: Date, refuse: Refuse<PlaceOrderResult>): Promise<PlaceOrderResult> {
  const fail = (...problems: OrderProblem[]) => refuse({ ok: false, problems });
  if (!may(actor, 'placeOrder', { customerId: input.customerId })) fail({ code: 'forbidden', field: 'customerId' });
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
  if (problems.length) fail(...problems);

  const priced = withQuotedPrices(priceDraft(draft, catalog).lines, input.quoted);
  const productOf = (sku: string) => findInCatalog(catalog, sku)!;
  const goodsSkus = [...new Set(priced.filter((l) => l.kind === 'goods').map((l) => l.sku))];
  const machineIds = [...new Set(priced.filter((l) => l.kind === 'made_to_order').map((l) => productOf(l.sku).resourceIds[0]))];
  const serviceResourceIds = slots.flatMap((s) => productOf(s.sku).resourceIds);
  await lockForPlacing(trx, customer.id, goodsSkus, [...new Set([...machineIds, ...serviceResourceIds])]);

  // Stock: reserve what is there; a shortage needs the customer's choice first.
  const onHand = await onHandBySku(trx, goodsSkus);
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
  if (shortages.length && !backorderChoice) fail(...shortages);
  const reservations = priced.map((line) => {
    if (line.kind !== 'goods') return 0;
    const { now: take } = splitPartial(line.quantity, freeNow.get(line.sku) ?? 0);
    freeNow.set(line.sku, (freeNow.get(line.sku) ?? 0) - take);
    return take;
  });

  // Made-to-order: plan into the earliest free machine days.
  const madeToOrder = [...priced.entries()].filter(([, l]) => l.kind === 'made_to_order').map(([i]) => i);
  const machinePlans = await planMachineDays(trx, madeToOrder.map((i) => ({ resourceId: productOf(priced[i].sku).resourceIds[0], quantity: priced[i].quantity })), today);
  const plans = new Map(madeToOrder.map((lineIndex, k) => [lineIndex, machinePlans[k]]));
  for (const [i, plan] of plans) {
    if (!withinPlanningHorizon(plan.completionDate, today, limits)) fail({ code: 'beyond_planning_horizon', field: `lines[${i}].quantity`, sku: priced[i].sku });
  }

  // Services: every resource must be free at the requested start.
  const appointments: Placement['appointments'] = [];
  const alsoBusy: BusyPeriod[] = [];
  for (const slot of slots) {
    const product = productOf(slot.sku);
    const quantity = priced.find((l) => l.sku === product.sku)!.quantity;
    const check = await checkServiceSlot(trx, product, quantity, slot.start, alsoBusy, now);
    if (!check.ok) fail({ code: check.code, field: 'serviceSlots', sku: product.sku, start: slot.start });
    const booked = check as { start: Date; end: Date; travelMinutes: number };
    appointments.push({ sku: product.sku, resourceIds: product.resourceIds, start: booked.start, end: booked.end, travelMinutes: booked.travelMinutes });
    alsoBusy.push(...product.resourceIds.map((resourceId) => ({ resourceId, start: booked.start, end: booked.end, travelAfterMinutes: booked.travelMinutes })));
  }

  // Credit: open invoices and accepted, not yet invoiced orders plus this one against the limit; long-overdue invoices hold it.
  const totals = input.quoted ? { grossCents: input.quoted.grossCents } : computeTotals(priced);
  const exposure = await creditExposure(trx, customer.id);
  const credit = checkCredit({
    creditLimitCents: customer.creditLimitCents,
    openReceivablesCents: exposure.openReceivablesCents,
    orderGrossCents: totals.grossCents,
    oldestOverdueDays: overdueDays(exposure.oldestDueDate, today),
  });

  // ---- everything checked: write.
  const number = String(await nextNumber(trx, 'order'));
  const promised = promisedDate({
    requestedDate: draft.requestedDate,
    completionDates: [...plans.values()].map((p) => p.completionDate),
    backorderRestockDates: backorderChoice === 'backorder' ? shortages.map((s) => s.restockDate ?? null) : [],
    serviceDates: appointments.map((a) => berlinDateOf(a.start)),
  });
  const orderId = await insertOrder(trx, {
    number, customerId: customer.id, actor, deliveryAddress: input.deliveryAddress ?? null, requestedDate: draft.requestedDate,
    promisedDate: promised, backorderChoice, draftKey: input.draftKey ?? null, origin: input.conversation ?? null,
    quoteId: input.quoted?.quoteId ?? null, documentDiscountBasisPoints: input.quoted?.documentDiscountBasisPoints ?? null,
  }, now);
  const order: OrderRow = { id: orderId, number, customer_id: customer.id, status: 'received', version: 1 };
  const placement: Placement = { lines: [], appointments };
  for (const [i, line] of priced.entries()) {
    const lineId = await insertOrderLine(trx, orderId, i + 1, line);
    placement.lines.push({ lineId, sku: line.sku, reserve: reservations[i], plan: plans.get(i) });
  }
  const stepRefused = (refusal: StepRefusal): never => {
    throw new Error(`placing order ${number} failed unexpectedly: ${refusal.code}`);
  };
  await recordPlacement(trx, order, actor, now, { placement }, stepRefused);

  const checkDetails: Record<string, unknown> = {
    reserved: priced.map((l, i) => ({ sku: l.sku, quantity: reservations[i] })).filter((r) => r.quantity > 0),
  };
  if (shortages.length) checkDetails.backorder = { choice: backorderChoice, lines: shortages.map(({ sku, shortBy, restockDate }) => ({ sku, shortBy, restockDate })) };
  if (plans.size) checkDetails.production = [...plans.values()].map((p) => ({ resourceId: p.resourceId, completionDate: p.completionDate, days: p.allocations }));
  if (appointments.length) checkDetails.appointments = appointments.map((a) => ({ sku: a.sku, start: a.start.toISOString() }));

  const notice = { customerNumber: customer.number, grossCents: totals.grossCents, promisedDate: promised, backorderChoice, channel: actor.channel };
  // The first step records what the checks found (with a refused credit answer); the customer hears of the last.
  const steps = acceptanceSteps(credit);
  for (const [i, step] of steps.entries()) {
    const details = i > 0 ? null : credit.ok ? checkDetails : { ...checkDetails, credit };
    await automaticStep(trx, order, step.to, actor.channel, now, { reason: step.reason, details, notice: step.reason ? { ...notice, reason: step.reason } : notice }, stepRefused);
  }
  const [view] = await loadOrderViews(trx, [orderId]);
  return { ok: true, order: view, created: true };
}
