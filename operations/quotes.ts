import type { Knex } from 'knex';
import { listProducts } from '../data/catalog';
import { customerDocumentFacts, getCompanyRecord } from '../data/company';
import type { Db } from '../data/db';
import { customerPersonIds, insertHistory } from '../data/history';
import { isUniqueViolation } from '../data/idempotency';
import { nextYearlyNumber } from '../data/numbering';
import type { ConversationAddress } from '../data/orderOrigin';
import { findInCatalog, loadOrderViews, type Actor, type OrderView } from '../data/orders';
import { withOrigin } from '../data/orderOrigin';
import { enqueueNotification } from '../data/outbox';
import { getCustomer } from '../data/parties';
import { findQuote, findQuoteById, findQuoteByRequestKey, insertQuote, quotesPastValidity, updateQuote, type StoredQuote } from '../data/quotes';
import { berlinToday } from '../domain/calendar';
import { buyerFrom, unitCodeFor } from '../domain/documentInput';
import { formatYearlyNumber } from '../domain/documentNumbers';
import { computeDocument, type LineInput } from '../domain/invoice';
import { DEFAULT_ORDER_LIMITS, validateDraft, type OrderLimits } from '../domain/order';
import type { OrderProblem } from '../domain/orderChecks';
import { may } from '../domain/permissions';
import {
  checkQuoteStep, DEFAULT_QUOTE_VALIDITY_DAYS, MAX_QUOTE_VALIDITY_DAYS, mayDiscount, quoteStatusesWhere, quoteValidUntil,
  type QuoteStepRefusal,
} from '../domain/quotes';
import { placeOrderIn, type PlaceOrderResult } from './placeOrder';
import { runOperation, type Refuse } from './refusal';

/**
 * Quotes (Angebote): made by sales (draft, with line and document discounts and a validity) or asked for by a
 * customer (at catalog prices, sent to them at once, sales told); sent, accepted or rejected from the quote card;
 * expired by the daily run. Acceptance places the order at the quoted prices through the normal placing path.
 */

export interface QuoteLineInput {
  sku: string;
  quantity: number;
  /** Basis points (10 % = 1000); sales only. */
  discountBasisPoints?: number | null;
}

export interface QuoteInput {
  customerId: number;
  lines: QuoteLineInput[];
  /** Basis points; sales only. */
  documentDiscountBasisPoints?: number | null;
  /** Days the quote holds; sales only (a customer's request holds DEFAULT_QUOTE_VALIDITY_DAYS). */
  validDays?: number | null;
  /** The chat message or draft it comes from: the same key twice gives the first quote back. */
  requestKey?: string;
  /** The conversation it was asked for in: a customer's quote is sent there. */
  conversation?: ConversationAddress;
  limits?: OrderLimits;
}

export type QuoteRefusalCode = 'not_found' | 'forbidden' | QuoteStepRefusal;

export type CreateQuoteResult =
  | { ok: true; quote: StoredQuote; created: boolean }
  | { ok: false; code: 'forbidden' | 'unknown_customer' | 'discount_not_allowed' | 'bad_discount' | 'bad_validity' }
  | { ok: false; code: 'services_not_quoted'; skus: string[] }
  | { ok: false; code: 'problems'; problems: OrderProblem[] };

export type QuoteStepResult =
  | { ok: true; quote: StoredQuote }
  | { ok: false; code: QuoteRefusalCode; quote?: StoredQuote };

export type AcceptQuoteResult =
  | { ok: true; quote: StoredQuote; order: OrderView }
  | { ok: false; code: QuoteRefusalCode; quote?: StoredQuote }
  | { ok: false; code: 'order_problems'; problems: OrderProblem[]; quote: StoredQuote };

const validBasisPoints = (bp: number | null | undefined) => bp == null || (Number.isInteger(bp) && bp >= 0 && bp < 10_000);

export async function createQuote(db: Db, actor: Actor, input: QuoteInput, now: Date = new Date()): Promise<CreateQuoteResult> {
  if (input.requestKey) {
    const earlier = await findQuoteByRequestKey(db, input.requestKey);
    if (earlier) return may(actor, 'seeQuote', { customerId: earlier.customerId }) ? { ok: true, quote: earlier, created: false } : { ok: false, code: 'forbidden' };
  }
  try {
    return await runOperation<CreateQuoteResult>(db, (trx, refuse) => create(trx, actor, input, now, refuse));
  } catch (err) {
    // The same request twice at the same moment: the other one made the quote.
    if (input.requestKey && isUniqueViolation(err)) {
      const earlier = await findQuoteByRequestKey(db, input.requestKey);
      if (earlier) return { ok: true, quote: earlier, created: false };
    }
    throw err;
  }
}

async function create(trx: Knex.Transaction, actor: Actor, input: QuoteInput, now: Date, refuse: Refuse<CreateQuoteResult>): Promise<CreateQuoteResult> {
  if (!may(actor, 'requestQuote', { customerId: input.customerId })) return refuse({ ok: false, code: 'forbidden' });
  const customer = await getCustomer(trx, input.customerId);
  if (!customer) return refuse({ ok: false, code: 'unknown_customer' });
  const discounted = !!input.documentDiscountBasisPoints || input.lines.some((l) => !!l.discountBasisPoints);
  if ((discounted || input.validDays != null) && !mayDiscount(actor.role)) return refuse({ ok: false, code: 'discount_not_allowed' });
  if (!validBasisPoints(input.documentDiscountBasisPoints) || !input.lines.every((l) => validBasisPoints(l.discountBasisPoints))) {
    return refuse({ ok: false, code: 'bad_discount' });
  }
  const validDays = input.validDays ?? DEFAULT_QUOTE_VALIDITY_DAYS;
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_QUOTE_VALIDITY_DAYS) return refuse({ ok: false, code: 'bad_validity' });

  const today = berlinToday(now);
  const catalog = await listProducts(trx);
  const draft = { customerId: customer.id, lines: input.lines.map((l) => ({ sku: String(l.sku), quantity: l.quantity })), deliveryAddress: null, requestedDate: null };
  const problems = validateDraft(draft, { catalog, today, limits: input.limits ?? DEFAULT_ORDER_LIMITS });
  if (problems.length) return refuse({ ok: false, code: 'problems', problems });
  const products = input.lines.map((l) => findInCatalog(catalog, String(l.sku))!);
  // A service needs an appointment, which a quote cannot hold: services are booked, not quoted.
  const services = products.filter((p) => p.kind === 'service').map((p) => p.sku);
  if (services.length) return refuse({ ok: false, code: 'services_not_quoted', skus: [...new Set(services)] });

  const facts = await customerDocumentFacts(trx, customer.id);
  const lines: LineInput[] = products.map((p, i) => ({
    sku: p.sku, name: p.name[facts.locale], quantity: input.lines[i].quantity, unit: { name: p.unit[facts.locale], code: unitCodeFor(p.unit) },
    unitPriceCents: p.priceCents, vatRate: p.vatRate,
    discount: input.lines[i].discountBasisPoints ? { kind: 'percent', basisPoints: input.lines[i].discountBasisPoints! } : null,
  }));
  const year = Number(today.slice(0, 4));
  const number = formatYearlyNumber('quote', year, await nextYearlyNumber(trx, 'quote', year));
  const computed = computeDocument({
    kind: 'quote', number, issueDate: today, locale: facts.locale, seller: await getCompanyRecord(trx),
    buyer: buyerFrom(customer, { email: facts.email, publicSector: facts.publicSector, buyerReference: facts.leitwegId }),
    lines, documentDiscount: input.documentDiscountBasisPoints ? { kind: 'percent', basisPoints: input.documentDiscountBasisPoints } : null,
    service: null, paymentTermsDays: customer.paymentTermsDays, orderNumber: null, validUntil: quoteValidUntil(today, validDays),
  });
  if (!computed.ok) return refuse({ ok: false, code: 'bad_discount' });

  const byCustomer = actor.role === 'customer';
  const id = await insertQuote(trx, {
    document: computed.document, customerId: customer.id, status: 'draft', documentDiscountBasisPoints: input.documentDiscountBasisPoints ?? null,
    requestedBy: byCustomer ? 'customer' : 'sales', requestKey: input.requestKey ?? null, createdBy: actor.personId,
    origin: byCustomer ? input.conversation ?? null : null,
  }, now);
  if (byCustomer) {
    // A customer's request goes to them at once; sales hear of it.
    const quote = (await findQuoteById(trx, id))!;
    // Asked in a chat, the requester gets the card as the answer there; the account's other people by message.
    await send(trx, quote, now, input.conversation ? actor.personId : null);
    await enqueueNotification(trx, {
      recipient: { kind: 'role', role: 'sales' }, kind: 'quote_requested',
      payload: { quoteId: id, number, customer: customer.name }, dedupeKey: `quote:${id}:requested`,
    }, now);
  }
  return { ok: true, quote: (await findQuoteById(trx, id))!, created: true };
}

/** Marks a draft sent and queues the quote card to the customer's people (once per person). */
async function send(trx: Knex.Transaction, quote: StoredQuote, now: Date, answeredPersonId: number | null = null): Promise<void> {
  if (!(await updateQuote(trx, quote, { status: 'sent', sent_at: now.toISOString() }, now))) throw new Error(`quote ${quote.number} changed while being sent`);
  const origin = { personId: quote.createdByPersonId, conversation: quote.origin };
  for (const personId of await customerPersonIds(trx, quote.customerId)) {
    if (personId === answeredPersonId) continue;
    await enqueueNotification(trx, {
      recipient: { kind: 'person', personId }, kind: 'quote_sent',
      payload: withOrigin({ quoteId: quote.id, number: quote.number }, origin, personId), dedupeKey: `quote:${quote.id}:sent:p${personId}`,
    }, now);
  }
}

/** The quote for a step: not visible → not_found, visible but not theirs to act on → forbidden. */
async function quoteFor(trx: Knex.Transaction, actor: Actor, number: string, action: 'sendQuote' | 'decideQuote', refuse: Refuse<any>): Promise<StoredQuote> {
  const quote = await findQuote(trx, number, { lock: true });
  if (!quote || !may(actor, 'seeQuote', { customerId: quote.customerId })) return refuse({ ok: false, code: 'not_found' });
  if (!may(actor, action, { customerId: quote.customerId })) return refuse({ ok: false, code: 'forbidden', quote });
  return quote;
}

export async function sendQuote(db: Db, actor: Actor, number: string, now: Date = new Date()): Promise<QuoteStepResult> {
  return runOperation<QuoteStepResult>(db, async (trx, refuse) => {
    const quote = await quoteFor(trx, actor, number, 'sendQuote', refuse);
    const check = checkQuoteStep(quote.status, 'sent', quote.validUntil, berlinToday(now));
    if (!check.ok) return refuse({ ok: false, code: check.code, quote });
    await send(trx, quote, now);
    return { ok: true, quote: (await findQuoteById(trx, quote.id))! };
  });
}

/** Sales hear how the customer decided (or who decided for them). */
async function notifyDecision(trx: Knex.Transaction, quote: StoredQuote, decision: 'accepted' | 'rejected', orderNumber: string | null, now: Date): Promise<void> {
  await enqueueNotification(trx, {
    recipient: { kind: 'role', role: 'sales' }, kind: 'quote_decided',
    payload: { quoteId: quote.id, number: quote.number, decision, customer: quote.customerName, orderNumber },
    dedupeKey: `quote:${quote.id}:${decision}`,
  }, now);
}

/**
 * Accepts a sent quote: its order is placed in the same transaction through the normal placing path (stock,
 * production, credit), at the quoted prices and discounts; short stock is backordered (the customer accepted the
 * quote's goods, not a partial delivery). Accepting again, after rejection or after expiry answers so, and no
 * second order is made.
 */
export async function acceptQuote(
  db: Db, actor: Actor, number: string, now: Date = new Date(), options: { conversation?: ConversationAddress; limits?: OrderLimits } = {},
): Promise<AcceptQuoteResult> {
  return runOperation<AcceptQuoteResult>(db, async (trx, refuse) => {
    const quote = await quoteFor(trx, actor, number, 'decideQuote', refuse);
    const check = checkQuoteStep(quote.status, 'accepted', quote.validUntil, berlinToday(now));
    if (!check.ok) return refuse({ ok: false, code: check.code, quote });
    const d = quote.document;
    const placed: PlaceOrderResult = await placeOrderIn(trx, actor, {
      customerId: quote.customerId,
      lines: d.lines.map((l) => ({ sku: l.sku!, quantity: l.quantity })),
      backorderChoice: 'backorder',
      draftKey: `quote:${quote.number}`,
      conversation: options.conversation,
      limits: options.limits,
      quoted: {
        quoteId: quote.id,
        lines: d.lines.map((l) => ({ unitPriceCents: l.unitPriceCents, vatRate: l.vatRate, discountBasisPoints: l.discount?.kind === 'percent' ? l.discount.basisPoints : null })),
        documentDiscountBasisPoints: quote.documentDiscountBasisPoints,
        grossCents: quote.grossCents,
      },
    }, now, (result) => refuse(result.ok ? { ok: false, code: 'not_allowed', quote } : { ok: false, code: 'order_problems', problems: result.problems, quote }));
    if (!placed.ok) return refuse({ ok: false, code: 'order_problems', problems: placed.problems, quote });
    const order = placed.order;
    if (!(await updateQuote(trx, quote, { status: 'accepted', order_id: order.id, decided_at: now.toISOString(), decided_by_person_id: actor.personId }, now))) {
      throw new Error(`quote ${quote.number} changed while being accepted`);
    }
    // The order's history says where it came from.
    await insertHistory(trx, order.id, order.status, order.status, actor, now, null, { event: 'from_quote', quote: quote.number });
    await notifyDecision(trx, quote, 'accepted', order.number, now);
    const [view] = await loadOrderViews(trx, [order.id]);
    return { ok: true, quote: (await findQuoteById(trx, quote.id))!, order: view };
  });
}

export async function rejectQuote(db: Db, actor: Actor, number: string, reason: string | null = null, now: Date = new Date()): Promise<QuoteStepResult> {
  return runOperation<QuoteStepResult>(db, async (trx, refuse) => {
    const quote = await quoteFor(trx, actor, number, 'decideQuote', refuse);
    const check = checkQuoteStep(quote.status, 'rejected', quote.validUntil, berlinToday(now));
    if (!check.ok) return refuse({ ok: false, code: check.code, quote });
    await updateQuote(trx, quote, { status: 'rejected', reject_reason: reason?.trim() || null, decided_at: now.toISOString(), decided_by_person_id: actor.personId }, now);
    await notifyDecision(trx, quote, 'rejected', null, now);
    return { ok: true, quote: (await findQuoteById(trx, quote.id))! };
  });
}

/**
 * The scheduler's expiry: every open quote whose last day is before today (Berlin) becomes expired, each in its own
 * version-guarded update, so a quote accepted at the same moment stays accepted. Returns the numbers it expired.
 */
export async function expireQuotes(db: Db, now: Date = new Date()): Promise<string[]> {
  const due = await quotesPastValidity(db, quoteStatusesWhere('expirable'), berlinToday(now));
  const expired: string[] = [];
  for (const q of due) {
    const done = await db.transaction((trx) => updateQuote(trx, q, { status: 'expired' }, now));
    if (done) expired.push(q.number);
  }
  return expired;
}
