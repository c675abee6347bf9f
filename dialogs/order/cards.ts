import { pageOf, type UnboundCard } from '../../cards/bind';
import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';
import { formatMoney } from '../../domain/money';
import { lineGrossCents } from '../../domain/vat';
import { isValidQuantity, priceDraft } from '../../domain/order';
import type { Address, Customer } from '../../domain/parties';
import type { LineCheck } from '../../data/orders';
import { formatAddress, formatDay, formatSlot } from '../format';
import { orderTexts as tx } from '../texts/order';
import { summaryVersion, type OrderSession } from './session';

/** A unit price as the customer reads it: net for businesses, including VAT for private customers (PAngV). */
export function unitPriceFor(p: Product, consumer: boolean): number {
  return consumer ? lineGrossCents(p.priceCents, p.vatRate) : p.priceCents;
}

export function productTitle(p: Product, locale: Locale, consumer = false): string {
  return `${p.name[locale]} – ${formatMoney(unitPriceFor(p, consumer), locale)}`;
}

/** What the summary says beside the draft: a requested date that cannot be met, a credit warning for staff. */
export interface SummaryExtras {
  warning?: string | null;
}

/**
 * The order as it would be placed. Business customers read net prices with VAT per rate below; private customers
 * (B2C) read gross prices first and a button that says they are ordering with an obligation to pay (§312j (3)
 * BGB). Staff ordering for a customer see whose order it is, not "your order".
 */
export function summaryCard(
  s: OrderSession,
  catalog: readonly Product[],
  customer: Customer,
  checks: readonly LineCheck[],
  extras: SummaryExtras = {},
): UnboundCard {
  const l = s.locale;
  const priced = priceDraft(s.draft, catalog);
  const consumer = customer.kind === 'b2c';
  const forCustomer = s.person.role !== 'customer';
  const note = (sku: string, quantity: number): string => {
    const check = checks.find((c) => c.sku === sku);
    if (s.slots[sku]) return tx(l, 'noteSlot', { slot: formatSlot(s.slots[sku], l) });
    if (check?.completionDate) return tx(l, 'noteMade', { date: formatDay(check.completionDate, l) });
    if (check && check.ok === false && check.kind === 'goods') {
      const date = check.restockDate ? formatDay(check.restockDate, l) : null;
      const now = check.available ?? 0;
      if (s.backorderChoice === 'partial' && now > 0) return date ? tx(l, 'notePartial', { now, date }) : tx(l, 'notePartialLater', { now });
      return date ? tx(l, 'noteBackorder', { date }) : tx(l, 'noteBackorderUnknown');
    }
    if (quantity <= 1) return '';
    const product = catalog.find((p) => p.sku === sku)!;
    return tx(l, 'unitPrice', { price: formatMoney(unitPriceFor(product, consumer), l) });
  };
  const onlyServices = priced.lines.every((line) => line.kind === 'service');
  const address: Address = s.draft.deliveryAddress ?? customer.address;
  const totals = consumer
    ? [
        { title: tx(l, 'grossConsumer'), value: formatMoney(priced.totals.grossCents, l) },
        ...priced.totals.byRate.map((r) => ({ title: tx(l, 'vatIncluded', { rate: r.rate }), value: formatMoney(r.vatCents, l) })),
      ]
    : [
        ...priced.totals.byRate.flatMap((r) => [
          { title: tx(l, 'netAtRate', { rate: r.rate }), value: formatMoney(r.netCents, l) },
          { title: tx(l, 'vatAtRate', { rate: r.rate }), value: formatMoney(r.vatCents, l) },
        ]),
        { title: tx(l, 'gross'), value: formatMoney(priced.totals.grossCents, l) },
      ];
  return { name: 'orderSummary', data: {
    title: forCustomer ? tx(l, 'summaryTitleFor', { customer: customer.name }) : tx(l, 'summaryTitle'),
    customerName: customer.name,
    pricesNote: tx(l, consumer ? 'pricesGross' : 'pricesNet'),
    lines: priced.lines.map((line) => ({
      quantity: line.quantity,
      name: line.name[l],
      amount: formatMoney(consumer ? lineGrossCents(line.netCents, line.vatRate) : line.netCents, l),
      note: note(line.sku, line.quantity),
    })),
    totals,
    details: [
      { title: tx(l, onlyServices ? 'serviceAddress' : 'deliveryAddress'), value: formatAddress(address) },
      ...(onlyServices ? [] : [{ title: tx(l, 'deliveryDate'), value: s.draft.requestedDate ? formatDay(s.draft.requestedDate, l) : tx(l, 'noDate') }]),
    ],
    warning: extras.warning ?? '',
    // §312j (3) BGB binds the consumer's own button; staff entering a phone order place it for them.
    confirmTitle: tx(l, consumer && !forCustomer ? 'confirmPaid' : 'confirm'),
    changeTitle: tx(l, 'change'),
    cancelTitle: tx(l, 'cancel'),
    draftKey: s.draftKey,
    version: summaryVersion(s),
  } };
}

/**
 * Goods, made-to-order items and services grouped by category (services last), each with a quantity field; a service's
 * quantity is its units (visits, hours), and its appointment is asked for next, as when it is booked by talking.
 * A card shows one page of products (cards/bind.ts `cardListLimits`, so any catalog fits into Teams); "more" and
 * "back" submit the quantities entered on this page too, so paging never loses them.
 */
export function catalogCard(catalog: readonly Product[], locale: Locale, consumer = false, page = 0): UnboundCard {
  const byCategory = new Map<string, Product[]>();
  for (const p of [...catalog.filter((x) => x.kind !== 'service'), ...catalog.filter((x) => x.kind === 'service')]) {
    byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  }
  const shown = pageOf('catalog', 'products', [...byCategory.values()].flat(), page);
  const categories = new Map<string, Product[]>();
  for (const p of shown.items) categories.set(p.category, [...(categories.get(p.category) ?? []), p]);
  const pageParams = (at: number) => ({ page: at + 1, pages: shown.pages });
  return { name: 'catalog', data: {
    title: shown.pages > 1 ? `${tx(locale, 'catalogTitle')} (${tx(locale, 'catalogPage', pageParams(shown.page))})` : tx(locale, 'catalogTitle'),
    hint: `${tx(locale, 'catalogHint')} ${tx(locale, consumer ? 'pricesGross' : 'pricesNet')}`,
    submitTitle: tx(locale, 'catalogSubmit'),
    rest: shown.rest > 0 ? tx(locale, 'catalogRest', { count: shown.rest }) : '',
    moreTitle: shown.rest > 0 ? tx(locale, 'catalogMore', pageParams(shown.page + 1)) : '',
    morePage: shown.page + 1,
    backTitle: shown.page > 0 ? tx(locale, 'catalogBack') : '',
    backPage: shown.page - 1,
    categories: [...categories.entries()].map(([category, products]) => ({
      title: categoryTitle(category, locale),
      products: products.map((p) => ({
        sku: p.sku,
        name: p.name[locale],
        price: `${formatMoney(unitPriceFor(p, consumer), locale)} / ${p.unit[locale]}`,
        quantityLabel: tx(locale, 'quantity'),
      })),
    })),
  } };
}

/** The catalog page a card button asks for ("more", "back"); null for the plain "add to order". */
export function catalogPageOf(value: Record<string, unknown>): number | null {
  const page = Number(value.page);
  return value.page !== undefined && Number.isInteger(page) && page >= 0 ? page : null;
}

const categoryTitles: Record<string, Record<Locale, string>> = {
  paper: { de: 'Papier', en: 'Paper' },
  toner: { de: 'Toner', en: 'Toner' },
  furniture: { de: 'Büromöbel', en: 'Office furniture' },
  it: { de: 'IT', en: 'IT' },
  coffee: { de: 'Kaffee', en: 'Coffee' },
  signs: { de: 'Schilder', en: 'Signs' },
  services: { de: 'Dienstleistungen', en: 'Services' },
};

/** Categories are data; a new one shows with its key until it gets a title here. */
function categoryTitle(category: string, locale: Locale): string {
  return categoryTitles[category]?.[locale] ?? category;
}

export interface CatalogQuantities {
  lines: { sku: string; quantity: number }[];
  /** SKUs with something other than a whole number from 1 to MAX_LINE_QUANTITY entered ("2.5", "-3", "20000"). */
  invalid: string[];
}

/**
 * Quantities from a submitted catalog card ("qty_SKU" fields; Teams sends numbers as strings). Only products the
 * card shows count: a submit is client data, and a made-up SKU must not reach the draft. Empty fields and 0 are
 * "not wanted".
 */
export function catalogQuantities(value: Record<string, unknown>, catalog: readonly Product[]): CatalogQuantities {
  const result: CatalogQuantities = { lines: [], invalid: [] };
  for (const [key, raw] of Object.entries(value)) {
    const product = key.startsWith('qty_') ? catalog.find((p) => p.sku === key.slice(4)) : undefined;
    if (!product || raw === null || raw === undefined || String(raw).trim() === '') continue;
    const quantity = Number(raw);
    if (quantity === 0) continue;
    if (isValidQuantity(quantity)) result.lines.push({ sku: product.sku, quantity });
    else result.invalid.push(product.sku);
  }
  return result;
}
