import {
  checkShipmentLines, checkShipmentStep, dueToShipRule, lateRule, productionStart, promisedDate,
  type OrderActor, type PromisedDateRule,
} from '../../domain/orderChecks';
import type { OrderStatus } from '../../domain/lifecycle';
import { may } from '../../domain/permissions';

/** What the SQL of listOrders does with a rule (the placeOrder tests run it against the databases). */
function matches(rule: PromisedDateRule, status: OrderStatus, promised: string | null): boolean {
  if (rule.always.includes(status)) return true;
  return rule.statuses.includes(status) && promised != null && promised < rule.promisedBefore;
}
const isLate = (status: OrderStatus, promised: string | null, today: string) => matches(lateRule(today), status, promised);
const isDueToShip = (status: OrderStatus, promised: string | null, today: string) => matches(dueToShipRule(today), status, promised);

const actor = (role: OrderActor['role'], customerId: number | null = null): OrderActor => ({ personId: 1, role, customerId, channel: 'directline' });

describe('order access', () => {
  it('lets customers order and read for their own account only, and keeps accounting from ordering', () => {
    expect(may(actor('customer', 7), 'placeOrder', { customerId: 7 })).toBe(true);
    expect(may(actor('customer', 7), 'placeOrder', { customerId: 8 })).toBe(false);
    expect(may(actor('customer', null), 'placeOrder', { customerId: 8 })).toBe(false);
    expect(may(actor('sales'), 'placeOrder', { customerId: 8 })).toBe(true);
    expect(may(actor('system'), 'placeOrder', { customerId: 8 })).toBe(true);
    expect(may(actor('accountant'), 'placeOrder', { customerId: 8 })).toBe(false);
    expect(may(actor('customer', 7), 'seeOrder', { customerId: 8 })).toBe(false);
    expect(may(actor('accountant'), 'seeOrder', { customerId: 8 })).toBe(true);
  });

  it('answers "at all" without a subject, and keeps the money flows with accounting', () => {
    expect(may(actor('customer', 7), 'placeOrder')).toBe(true);
    expect(may(actor('customer', null), 'placeOrder')).toBe(false);
    expect(may(actor('accountant'), 'placeOrder')).toBe(false);
    expect(may(actor('accountant'), 'moveAppointment', { customerId: 8 })).toBe(false);
    expect(may(actor('customer', 7), 'moveAppointment', { customerId: 7 })).toBe(true);
    expect(may(actor('customer', 7), 'workOrders')).toBe(false);
    expect(may(actor('sales'), 'workOrders')).toBe(true);
    expect(may(actor('accountant'), 'workOrders')).toBe(false);
    // Issue 10: accounting works the held-order queue, customers do not.
    expect([may(actor('accountant'), 'reviewHolds'), may(actor('sales'), 'reviewHolds'), may(actor('customer', 7), 'reviewHolds')]).toEqual([true, true, false]);
    for (const action of ['issueInvoice', 'bookPayment', 'sendDunningNotice'] as const) {
      expect([may(actor('accountant'), action), may(actor('admin'), action), may(actor('sales'), action), may(actor('customer', 7), action)]).toEqual([true, true, false, false]);
    }
  });
});

describe('dates of an order', () => {
  it('starts production on the next working day and promises the latest date that applies', () => {
    expect(productionStart('2026-03-06')).toBe('2026-03-09'); // Friday → Monday
    expect(productionStart('2026-04-02')).toBe('2026-04-07'); // Thursday before Easter → Tuesday after
    expect(promisedDate({ requestedDate: '2026-03-10', completionDates: ['2026-03-12'], backorderRestockDates: [null], serviceDates: [] })).toBe('2026-03-12');
    expect(promisedDate({ requestedDate: null, completionDates: [], backorderRestockDates: [], serviceDates: [] })).toBeNull();
  });

  it('calls an order late after its promised day and due to ship on it', () => {
    expect(isLate('confirmed', '2026-03-05', '2026-03-06')).toBe(true);
    expect(isLate('confirmed', '2026-03-06', '2026-03-06')).toBe(false);
    expect(isLate('shipped', '2026-03-01', '2026-03-06')).toBe(false);
    expect(isDueToShip('in_execution', '2026-03-06', '2026-03-06')).toBe(true);
    expect(isDueToShip('ready_to_ship', null, '2026-03-06')).toBe(true);
    expect(isDueToShip('on_hold', '2026-03-01', '2026-03-06')).toBe(false);
  });
});

describe('shipments', () => {
  const lines = [
    { lineNo: 1, quantity: 3, shippedQuantity: 1, kind: 'goods' as const },
    { lineNo: 2, quantity: 1, shippedQuantity: 0, kind: 'service' as const },
  ];

  it('accepts only open quantities of goods lines', () => {
    expect(checkShipmentLines(lines, [{ lineNo: 1, quantity: 2 }])).toEqual([]);
    expect(checkShipmentLines(lines, [])).toEqual([{ code: 'no_lines' }]);
    expect(checkShipmentLines(lines, [{ lineNo: 1, quantity: 3 }, { lineNo: 2, quantity: 1 }, { lineNo: 9, quantity: 1 }, { lineNo: 1, quantity: 1 }])).toEqual([
      { code: 'exceeds_remaining', lineNo: 1, remaining: 2 }, { code: 'not_shippable', lineNo: 2 }, { code: 'unknown_line', lineNo: 9 }, { code: 'duplicate_line', lineNo: 1 },
    ]);
  });

  it('leads to partially_shipped or shipped, and keeps partially_shipped for a further partial shipment', () => {
    const order = (shipped: number) => ({ customerId: 1, hasGoods: true, hasServices: false, lines: [{ quantity: 3, shippedQuantity: shipped, kind: 'goods' as const }] });
    expect(checkShipmentStep({ from: 'ready_to_ship', role: 'sales', order: order(1) })).toEqual({ ok: true, to: 'partially_shipped' });
    expect(checkShipmentStep({ from: 'partially_shipped', role: 'sales', order: order(2) })).toEqual({ ok: true, to: 'partially_shipped' });
    expect(checkShipmentStep({ from: 'partially_shipped', role: 'sales', order: order(3) })).toEqual({ ok: true, to: 'shipped' });
    expect(checkShipmentStep({ from: 'partially_shipped', role: 'customer', actorCustomerId: 1, order: order(2) }))
      .toMatchObject({ ok: false, code: 'role_not_permitted', allowed: ['partially_shipped', 'shipped'] });
    expect(checkShipmentStep({ from: 'confirmed', role: 'sales', order: order(3) })).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});
