import { boundCard, cardListLimit } from '../../cards/bind';
import type { Db } from '../../data/db';
import type { Actor, OrderView } from '../../data/orders';
import type { OutboxRow } from '../../data/outbox';
import { renderNotification } from '../../dialogs/notifications';
import type { Product } from '../../domain/catalog';
import { catalogCard, catalogPageOf } from '../../dialogs/order/cards';
import { orderCard } from '../../dialogs/staff/orderCard';
import { cardProblems } from '../cards/adaptiveCard15';

/**
 * The builders page what would not fit into Teams' 28 KB: a catalog of any size a page of products at a time, a long
 * order's lines and history a page at a time, each page saying how many are left and offering the next one.
 */
const CARD_LIMIT = 28 * 1024;
const LONG = 'Schreibtisch höhenverstellbar 160×80 · Müller Bau';
const bytes = (content: unknown) => Buffer.byteLength(JSON.stringify(content), 'utf8');

function actionsOf(card: any): any[] {
  return (card.actions ?? []) as any[];
}
function inputsOf(card: any): string[] {
  const ids: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Input.Number') ids.push(n.id);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return ids;
}

describe('the catalog card pages a large catalog', () => {
  const products: Product[] = Array.from({ length: 100 }, (_, i) => ({
    sku: `SKU-${String(i).padStart(3, '0')}-${'X'.repeat(20)}`,
    kind: i % 10 === 9 ? 'service' : 'goods',
    category: i % 10 === 9 ? 'services' : `category-${Math.floor(i / 7)}-${LONG}`,
    name: { de: `${LONG} ${i}`, en: `${LONG} ${i}` },
    unit: { de: 'Stück', en: 'piece' },
    synonyms: { de: [], en: [] },
    priceCents: 1000 + i,
    vatRate: 19,
    onHand: 10,
    restockDate: null,
    durationMinutes: null,
    resourceIds: [],
  }));
  // Goods first, services last.
  const goods = [...products.filter((p) => p.kind !== 'service'), ...products.filter((p) => p.kind === 'service')];
  const size = cardListLimit('catalog', 'products');
  const pages = Math.ceil(goods.length / size);

  it.each(['de', 'en'] as const)('every page fits, says how many follow, and together they show every product once (%s)', (locale) => {
    const seen: string[] = [];
    for (let page = 0; page < pages; page++) {
      const card = boundCard(catalogCard(products, locale, false, page)).content as any;
      expect(cardProblems(card)).toEqual([]);
      expect(bytes(card)).toBeLessThan(CARD_LIMIT);
      seen.push(...inputsOf(card).map((id) => id.slice(4)));
      const actions = actionsOf(card);
      expect(actions[0].data).toEqual({ action: 'order.catalog' }); // "Übernehmen" on every page
      const more = actions.find((a) => a.data.page === page + 1);
      const back = actions.find((a) => a.data.page === page - 1);
      expect(!!more).toBe(page < pages - 1);
      expect(!!back).toBe(page > 0);
      const text = JSON.stringify(card);
      if (page < pages - 1) {
        expect(more.title).toMatch(locale === 'de' ? /^Weitere Produkte \(\d+\/\d+\)$/ : /^More products \(\d+\/\d+\)$/);
        expect(text).toContain(String(goods.length - (page + 1) * size));
        expect(catalogPageOf(more.data)).toBe(page + 1);
      }
    }
    expect(seen).toEqual(goods.map((p) => p.sku));
  });

  it('a page whose products are all in different categories shows every one of them', () => {
    const spread = goods.slice(0, size).map((p, i) => ({ ...p, category: `own-${i}` }));
    expect(inputsOf(boundCard(catalogCard(spread, 'de')).content)).toEqual(spread.map((p) => `qty_${p.sku}`));
  });

  it('an old button for a page that no longer exists shows the last page; a plain submit is no page', () => {
    const last = boundCard(catalogCard(products, 'de', false, 999)).content as any;
    expect(inputsOf(last)).toEqual(goods.slice((pages - 1) * size).map((p) => `qty_${p.sku}`));
    expect(catalogPageOf({ action: 'order.catalog' })).toBeNull();
    expect(catalogPageOf({ action: 'order.catalog', page: -1 })).toBeNull();
    expect(catalogPageOf({ action: 'order.catalog', page: '2' })).toBe(2);
  });
});

describe('the order card pages a long order', () => {
  const staff: Actor = { personId: 5, role: 'sales', customerId: null } as Actor;
  const view: OrderView = {
    id: 1, number: '1001', customer: { id: 1, number: 'K-10001', name: 'Müller Bau GmbH' }, status: 'confirmed', version: 3,
    lines: Array.from({ length: 40 }, (_, i) => ({
      lineNo: i + 1, sku: `SKU-${i}`, name: { de: `${LONG} ${i}`, en: `${LONG} ${i}` }, unit: { de: 'Stück', en: 'pieces' }, kind: 'goods' as const,
      quantity: 2, shippedQuantity: 0, unitPriceCents: 500, vatRate: 19 as const, netCents: 1000,
    })),
    totals: { netCents: 40000, grossCents: 47600, byRate: [{ rate: 19, netCents: 40000, vatCents: 7600 }] } as OrderView['totals'],
    deliveryAddress: null, requestedDate: '2026-12-10', promisedDate: null, backorderChoice: null as any, holdReason: null,
    enteredBy: null, channel: 'test', createdAt: '2026-12-01T08:00:00Z', updatedAt: '2026-12-01T08:00:00Z',
    history: Array.from({ length: 30 }, (_, i) => ({
      from: null, to: 'confirmed' as const, actorPersonId: null, actorName: `${LONG} ${i}`, actorRole: 'sales', channel: 'test',
      reason: null, details: { deliveryNote: `LS-${i}`, carrier: LONG, trackingNumber: LONG }, at: `2026-12-01T08:${String(i).padStart(2, '0')}:00Z`,
    })),
    shipments: [], serviceBookings: [], production: [],
  };

  it.each(['de', 'en'] as const)('shows the first lines and the newest history entries, how many more, and a way to them (%s)', (locale) => {
    const lines = cardListLimit('orderCard', 'lines');
    const history = cardListLimit('orderCard', 'history');
    const first = orderCard(view, staff, locale).content as any;
    expect(cardProblems(first)).toEqual([]);
    expect(bytes(first)).toBeLessThan(CARD_LIMIT);
    const text = JSON.stringify(first);
    expect(text).toContain(`${LONG} 0`);
    expect(text).not.toContain(`${LONG} ${lines} `);
    expect(text).toContain(locale === 'de' ? `… und ${40 - lines} weitere Positionen` : `… and ${40 - lines} more lines`);
    expect(text).toContain(locale === 'de' ? `… und ${30 - history} ältere Einträge` : `… and ${30 - history} older entries`);
    expect(text).toContain('09:29'); // the newest entry first (08:29 UTC in Berlin)
    const more = actionsOf(first).find((a) => a.data.action === 'staff.open');
    expect(more.data).toEqual({ action: 'staff.open', order: '1001', page: 1 });

    const pages = Math.max(Math.ceil(40 / lines), Math.ceil(30 / history));
    const last = orderCard(view, staff, locale, pages - 1).content as any;
    expect(bytes(last)).toBeLessThan(CARD_LIMIT);
    expect(JSON.stringify(last)).toContain(`${LONG} 39`);
    expect(actionsOf(last).some((a) => a.data.action === 'staff.open')).toBe(false);
  });

  it('a short order shows everything and no page button', () => {
    const short = { ...view, lines: view.lines.slice(0, 3), history: view.history.slice(0, 2) };
    const card = orderCard(short, staff, 'de').content as any;
    expect(JSON.stringify(card)).not.toMatch(/weitere Positionen|ältere Einträge/);
    expect(actionsOf(card).some((a) => a.data.action === 'staff.open')).toBe(false);
  });
});

describe('the absence conflicts card of a long absence', () => {
  it('offers the first bookings, says how many more there are, and stays under 28 KB; the text lists them all', async () => {
    const bookings = Array.from({ length: 60 }, (_, i) => ({
      orderNumber: String(1000 + i), sku: 'SVC-PRINTER', start: new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 4), 7 + (i % 4) * 2)).toISOString(), customerName: LONG,
    }));
    const row = { id: 1, personId: 5, kind: 'absence_conflicts', payload: { resourceName: 'Tom Richter', from: '2026-12-01', to: '2026-12-21', reason: 'vacation', bookings } } as unknown as OutboxRow;
    const rendered = await renderNotification({ db: undefined as unknown as Db, row, viewer: null, locale: 'de' });
    if (!('text' in rendered)) throw new Error('not rendered');
    const card = rendered.card!.content as any;
    expect(bytes(card)).toBeLessThan(CARD_LIMIT);
    const shown = cardListLimit('absenceConflicts', 'bookings');
    const offers = JSON.stringify(card).match(/"action":"services.offerSlots"/g) ?? [];
    expect(offers).toHaveLength(shown);
    expect(JSON.stringify(card)).toContain(`… und ${60 - shown} weitere betroffene Termine`);
    expect(rendered.text).toContain('Auftrag 1059');
  });
});
