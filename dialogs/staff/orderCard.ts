import { bindCard, pageOf, type CardAttachment } from '../../cards/bind';
import type { Actor, OrderView } from '../../data/orders';
import { allowedTransitions, askedStatement, checkTransition, orderFactsOf, statusIs, statusLabel, type OrderStatus } from '../../domain/lifecycle';
import type { Locale } from '../../domain/locale';
import { formatMoney } from '../../domain/money';
import { isStaff, may } from '../../domain/permissions';
import { formatAddress, formatDate, formatDateTime } from '../format';
import { orderLabel, reasonText } from '../orderLabels';
import { quoteTexts } from '../texts/quotes';
import { invoiceTexts } from '../texts/invoices';
import { staffTexts } from '../texts/staff';

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
  if (d.event === 'invoice_issued') notes.push(invoiceTexts(locale, 'historyInvoice', { invoice: String(d.invoice), gross: formatMoney(Number(d.grossCents ?? 0), locale) }));
  if (d.event === 'invoice_cancelled') notes.push(invoiceTexts(locale, 'historyCancelled', { invoice: String(d.invoice), cancellation: String(d.cancellation) }));
  if (d.event === 'from_quote') notes.push(quoteTexts(locale, 'historyFromQuote', { quote: String(d.quote) }));
  return notes.join(' · ');
}

/** The order's invoices as its history records them: "RE-2026-0001 (storniert durch ST-2026-0001), RE-2026-0002". */
function invoiceFact(view: OrderView, locale: Locale): string | null {
  const cancelledBy = new Map<string, string>();
  const issued: string[] = [];
  for (const h of view.history) {
    const d = (h.details ?? {}) as Record<string, unknown>;
    if (d.event === 'invoice_issued') issued.push(String(d.invoice));
    if (d.event === 'invoice_cancelled') cancelledBy.set(String(d.invoice), String(d.cancellation));
  }
  if (issued.length === 0) return null;
  return issued.map((n) => (cancelledBy.has(n) ? invoiceTexts(locale, 'factCancelledBy', { invoice: n, cancellation: cancelledBy.get(n)! }) : n)).join(', ');
}

/**
 * An order's card. A long order shows a page of its lines and of its history (newest first; cards/bind.ts
 * `cardListLimits`, so any order fits into Teams) with how many more there are and a button to the next page.
 */
export function orderCard(view: OrderView, actor: Actor, locale: Locale, page = 0): CardAttachment {
  // Accounting gets the hold decisions the lifecycle allows it (release, reject) on a held order's card.
  const steps = isStaff(actor.role) || (view.status === 'on_hold' && may(actor, 'reviewHolds')) ? offeredSteps(view, actor, locale) : [];
  const a = view.deliveryAddress;
  const factList = [
    { title: staffTexts(locale, 'factCustomer'), value: `${view.customer.name} (${view.customer.number})` },
    { title: staffTexts(locale, 'factRequested'), value: formatDate(view.requestedDate, locale) },
    { title: staffTexts(locale, 'factPromised'), value: formatDate(view.promisedDate, locale) },
  ];
  if (a) factList.push({ title: staffTexts(locale, 'factDelivery'), value: formatAddress(a) });
  if (view.holdReason) factList.push({ title: staffTexts(locale, 'factHold'), value: reasonText(view.holdReason, locale) });
  const invoices = invoiceFact(view, locale);
  if (invoices) factList.push({ title: invoiceTexts(locale, 'factInvoices'), value: invoices });
  const totals = [
    { label: staffTexts(locale, 'totalNet'), value: formatMoney(view.totals.netCents, locale) },
    ...view.totals.byRate.map((r) => ({ label: staffTexts(locale, 'totalVat', { rate: r.rate }), value: formatMoney(r.vatCents, locale) })),
    { label: staffTexts(locale, 'totalGross'), value: formatMoney(view.totals.grossCents, locale) },
  ];
  const lines = pageOf('orderCard', 'lines', view.lines, page);
  const history = pageOf('orderCard', 'history', [...view.history].reverse(), page);
  const pages = Math.max(lines.pages, history.pages);
  const next = Math.min(page, pages - 1) + 1;
  const more = next < pages
    ? [{ title: staffTexts(locale, 'cardMore', { page: next + 1, pages }), data: { action: 'staff.open', order: view.number, page: next } }]
    : [];
  return bindCard('orderCard', {
    title: `${staffTexts(locale, 'cardTitle', { number: view.number })} · ${view.customer.name}`,
    statusLine: staffTexts(locale, 'cardStatus', { status: orderLabel(view, locale) }),
    facts: factList,
    lines: lines.items.map((l) => ({
      text: `${l.quantity} ${l.unit[locale]} × ${l.name[locale]}`,
      detail: l.kind === 'service' ? l.sku : `${l.sku} · ${staffTexts(locale, 'lineShipped', { shipped: l.shippedQuantity, quantity: l.quantity })}`,
      amount: formatMoney(l.netCents, locale),
    })),
    linesRest: lines.rest > 0 ? staffTexts(locale, 'linesRest', { count: lines.rest }) : '',
    totals,
    historyTitle: staffTexts(locale, 'historyTitle'),
    history: history.items.map((h) => ({
      text: staffTexts(locale, 'historyEntry', { when: formatDateTime(h.at, locale), status: statusLabel(h.to, locale), who: historyWho(h, locale) }),
      note: historyNote(h, locale),
    })),
    historyRest: history.rest > 0 ? staffTexts(locale, 'historyRest', { count: history.rest }) : '',
    hint: isStaff(actor.role) && steps.length === 0 ? staffTexts(locale, 'noActions') : '',
    actions: [...steps.map((s) => ({
      title: s.title,
      data:
        s.to === 'ship'
          ? { action: 'staff.shipForm', order: view.number, version: view.version }
          : { action: 'staff.transition', order: view.number, to: s.to, version: view.version },
    })), ...more],
  });
}
