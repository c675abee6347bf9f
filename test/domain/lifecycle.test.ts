import {
  allowedTransitions,
  checkTransition,
  isBeforeShipping,
  isOpen,
  isOrderStatus,
  askedStatement,
  needsReason,
  orderFactsOf,
  orderStatuses,
  statusesWhere,
  statusLabel,
  transitions,
  type OrderFacts,
  type OrderStatus,
  type TransitionContext,
} from '../../domain/lifecycle';
import type { Role } from '../../domain/parties';

const goodsOrder: OrderFacts = { customerId: 7, hasGoods: true, hasServices: false, lines: [{ quantity: 3, shippedQuantity: 3 }] };
const serviceOrder: OrderFacts = { customerId: 7, hasGoods: false, hasServices: true, lines: [{ quantity: 1, shippedQuantity: 0, kind: 'service' }] };
const mixedOrder: OrderFacts = {
  customerId: 7,
  hasGoods: true,
  hasServices: true,
  lines: [
    { quantity: 2, shippedQuantity: 2, kind: 'goods' },
    { quantity: 1, shippedQuantity: 0, kind: 'service' },
  ],
};

function ctx(from: OrderStatus, to: OrderStatus, extra: Partial<TransitionContext> = {}): TransitionContext {
  return { from, to, role: 'system', reason: 'test reason', order: goodsOrder, ...extra };
}

/** A context under which each allowed table step is legitimately taken. */
function validContextFor(from: OrderStatus, to: OrderStatus): TransitionContext {
  const reopening = to === 'invoiced' && (from === 'paid' || from === 'closed');
  const role: Role = reopening ? 'system' : to === 'invoiced' || to === 'paid' || to === 'closed' ? 'accountant' : 'sales';
  let order = goodsOrder;
  if (to === 'performed') order = from === 'delivered' ? mixedOrder : serviceOrder;
  if (to === 'invoiced') order = from === 'performed' ? serviceOrder : goodsOrder;
  if (to === 'partially_shipped') order = { ...goodsOrder, lines: [{ quantity: 3, shippedQuantity: 1 }] };
  return { from, to, role, reason: 'Kunde hat angerufen', order };
}

const table: [OrderStatus, OrderStatus[]][] = [
  ['received', ['checked', 'on_hold', 'cancelled']],
  ['checked', ['confirmed', 'on_hold', 'cancelled']],
  ['on_hold', ['checked', 'cancelled']],
  ['confirmed', ['in_preparation', 'cancelled']],
  ['in_preparation', ['in_execution', 'cancelled']],
  ['in_execution', ['ready_to_ship', 'performed', 'cancelled']],
  ['ready_to_ship', ['partially_shipped', 'shipped', 'cancelled']],
  ['partially_shipped', ['partially_shipped', 'shipped']],
  ['shipped', ['delivered']],
  ['delivered', ['performed', 'invoiced']],
  ['performed', ['invoiced']],
  ['invoiced', ['paid']],
  ['paid', ['closed', 'invoiced']],
  ['closed', ['invoiced']],
  ['cancelled', []],
];

describe('transition table', () => {
  it('has an entry for every status and only targets known statuses', () => {
    expect(Object.keys(transitions).sort()).toEqual([...orderStatuses].sort());
    for (const targets of Object.values(transitions)) for (const t of targets) expect(isOrderStatus(t)).toBe(true);
  });

  it.each(table)('allows from %s exactly %j', (from, targets) => {
    expect(allowedTransitions(from)).toEqual(targets);
  });

  it('returns a copy that callers cannot use to change the table', () => {
    allowedTransitions('received').push('closed');
    expect(allowedTransitions('received')).not.toContain('closed');
  });

  const allowedPairs = table.flatMap(([from, targets]) => targets.map((to) => [from, to] as const));
  it.each(allowedPairs)('accepts %s → %s under its rules', (from, to) => {
    expect(checkTransition(validContextFor(from, to))).toEqual({ ok: true });
  });

  const refusedPairs = orderStatuses.flatMap((from) =>
    orderStatuses.filter((to) => !transitions[from].includes(to)).map((to) => [from, to] as const),
  );
  it('refuses every step the table lacks with not_allowed and the allowed list', () => {
    expect(refusedPairs.length).toBeGreaterThan(150);
    for (const [from, to] of refusedPairs) {
      expect(checkTransition({ ...validContextFor(from, to), role: 'admin' })).toEqual({
        ok: false,
        code: 'not_allowed',
        allowed: allowedTransitions(from),
      });
    }
  });
});

describe('cancelling', () => {
  it.each(['received', 'checked', 'on_hold', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship'] as OrderStatus[])(
    'is possible from %s (before shipping)',
    (from) => {
      expect(isBeforeShipping(from)).toBe(true);
      expect(checkTransition(ctx(from, 'cancelled', { role: 'sales' }))).toEqual({ ok: true });
    },
  );

  it.each(['partially_shipped', 'shipped', 'delivered', 'performed', 'invoiced', 'paid', 'closed', 'cancelled'] as OrderStatus[])(
    'is refused from %s',
    (from) => {
      expect(isBeforeShipping(from)).toBe(false);
      expect(checkTransition(ctx(from, 'cancelled', { role: 'admin' }))).toMatchObject({ ok: false, code: 'not_allowed' });
    },
  );

  it('needs a reason', () => {
    expect(checkTransition(ctx('received', 'cancelled', { reason: undefined }))).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkTransition(ctx('received', 'cancelled', { reason: '   ' }))).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it.each(['received', 'checked', 'confirmed', 'on_hold'] as OrderStatus[])('by the customer of their own order from %s', (from) => {
    expect(checkTransition(ctx(from, 'cancelled', { role: 'customer', actorCustomerId: 7 }))).toEqual({ ok: true });
  });

  it('by a customer of another account’s order is refused', () => {
    expect(checkTransition(ctx('received', 'cancelled', { role: 'customer', actorCustomerId: 8 }))).toMatchObject({
      ok: false,
      code: 'not_own_order',
    });
    expect(checkTransition(ctx('received', 'cancelled', { role: 'customer' }))).toMatchObject({ ok: false, code: 'not_own_order' });
  });

  it('by the customer once work has started is refused', () => {
    expect(checkTransition(ctx('in_preparation', 'cancelled', { role: 'customer', actorCustomerId: 7 }))).toEqual({
      ok: false,
      code: 'role_not_permitted',
      allowed: ['in_execution', 'cancelled'],
    });
  });

  it('by accounting only when rejecting a hold', () => {
    expect(checkTransition(ctx('on_hold', 'cancelled', { role: 'accountant' }))).toEqual({ ok: true });
    expect(checkTransition(ctx('confirmed', 'cancelled', { role: 'accountant' }))).toMatchObject({ ok: false, code: 'role_not_permitted' });
  });
});

describe('hold and release', () => {
  it('puts an order on hold with a reason from received and checked', () => {
    expect(checkTransition(ctx('received', 'on_hold', { reason: 'credit_limit' }))).toEqual({ ok: true });
    expect(checkTransition(ctx('checked', 'on_hold', { role: 'accountant', reason: 'overdue' }))).toEqual({ ok: true });
  });

  it('refuses a hold without reason', () => {
    expect(checkTransition(ctx('checked', 'on_hold', { reason: null }))).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('refuses a hold after confirmation', () => {
    expect(checkTransition(ctx('confirmed', 'on_hold'))).toMatchObject({ ok: false, code: 'not_allowed' });
  });

  it('lets staff release and refuses customers', () => {
    expect(checkTransition(ctx('on_hold', 'checked', { role: 'accountant' }))).toEqual({ ok: true });
    expect(checkTransition(ctx('on_hold', 'checked', { role: 'customer', actorCustomerId: 7 }))).toMatchObject({
      ok: false,
      code: 'role_not_permitted',
    });
  });
});

describe('roles', () => {
  it('keeps customers out of operational steps', () => {
    expect(checkTransition(ctx('received', 'checked', { role: 'customer', actorCustomerId: 7 }))).toMatchObject({
      ok: false,
      code: 'role_not_permitted',
    });
  });

  it('keeps accounting out of production and sales out of invoicing and payments', () => {
    expect(checkTransition(ctx('confirmed', 'in_preparation', { role: 'accountant' }))).toMatchObject({ code: 'role_not_permitted' });
    expect(checkTransition(ctx('delivered', 'invoiced', { role: 'sales' }))).toMatchObject({ code: 'role_not_permitted' });
    expect(checkTransition(ctx('invoiced', 'paid', { role: 'sales' }))).toMatchObject({ code: 'role_not_permitted' });
  });

  it('reopens a paid or closed order to invoiced only by itself (after a reversed payment), never by a person', () => {
    for (const from of ['paid', 'closed'] as OrderStatus[]) {
      expect(checkTransition(ctx(from, 'invoiced', { role: 'system' }))).toEqual({ ok: true });
      for (const role of ['accountant', 'admin', 'sales'] as Role[]) {
        expect(checkTransition(ctx(from, 'invoiced', { role }))).toMatchObject({ ok: false, code: 'role_not_permitted' });
      }
    }
  });

  it('lets the system and admins run every step of a goods order', () => {
    const path: OrderStatus[] = ['received', 'checked', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'shipped', 'delivered', 'invoiced', 'paid', 'closed'];
    for (const role of ['system', 'admin'] as Role[]) {
      for (let i = 1; i < path.length; i++) expect(checkTransition(ctx(path[i - 1], path[i], { role }))).toEqual({ ok: true });
    }
  });
});

describe('shipping guards', () => {
  const partly: OrderFacts = { ...goodsOrder, lines: [{ quantity: 3, shippedQuantity: 1 }, { quantity: 2, shippedQuantity: 0 }] };
  const nothing: OrderFacts = { ...goodsOrder, lines: [{ quantity: 3, shippedQuantity: 0 }] };

  it('shipped needs every goods line fully shipped', () => {
    expect(checkTransition(ctx('ready_to_ship', 'shipped', { order: partly }))).toMatchObject({ ok: false, code: 'not_all_shipped' });
    expect(checkTransition(ctx('partially_shipped', 'shipped', { order: partly }))).toMatchObject({ ok: false, code: 'not_all_shipped' });
    expect(checkTransition(ctx('partially_shipped', 'shipped'))).toEqual({ ok: true });
  });

  it('partially_shipped needs some but not all shipped', () => {
    expect(checkTransition(ctx('ready_to_ship', 'partially_shipped', { order: partly }))).toEqual({ ok: true });
    expect(checkTransition(ctx('ready_to_ship', 'partially_shipped', { order: nothing }))).toMatchObject({ code: 'nothing_shipped' });
    expect(checkTransition(ctx('ready_to_ship', 'partially_shipped'))).toMatchObject({ code: 'all_shipped' });
  });

  it('a further partial shipment keeps partially_shipped while some but not all is shipped', () => {
    expect(checkTransition(ctx('partially_shipped', 'partially_shipped', { order: partly }))).toEqual({ ok: true });
    expect(checkTransition(ctx('partially_shipped', 'partially_shipped'))).toMatchObject({ code: 'all_shipped' });
  });

  it('ignores service lines when deciding whether everything is shipped', () => {
    expect(checkTransition(ctx('ready_to_ship', 'shipped', { order: mixedOrder }))).toEqual({ ok: true });
  });

  it('refuses shipping steps and delivery for service-only orders', () => {
    expect(checkTransition(ctx('in_execution', 'ready_to_ship', { order: serviceOrder }))).toMatchObject({ code: 'no_goods' });
    expect(checkTransition(ctx('ready_to_ship', 'shipped', { order: serviceOrder }))).toMatchObject({ code: 'no_goods' });
    expect(checkTransition(ctx('shipped', 'delivered', { order: serviceOrder }))).toMatchObject({ code: 'no_goods' });
  });
});

describe('services', () => {
  it('performed straight from execution only for service-only orders', () => {
    expect(checkTransition(ctx('in_execution', 'performed', { order: serviceOrder }))).toEqual({ ok: true });
    expect(checkTransition(ctx('in_execution', 'performed', { order: goodsOrder }))).toMatchObject({ code: 'no_services' });
    expect(checkTransition(ctx('in_execution', 'performed', { order: mixedOrder }))).toMatchObject({ code: 'has_goods' });
  });

  it('a mixed order is delivered, then performed, then invoiced', () => {
    expect(checkTransition(ctx('delivered', 'invoiced', { order: mixedOrder, role: 'accountant' }))).toMatchObject({
      code: 'services_pending',
    });
    expect(checkTransition(ctx('delivered', 'performed', { order: mixedOrder }))).toEqual({ ok: true });
    expect(checkTransition(ctx('delivered', 'performed', { order: goodsOrder }))).toMatchObject({ code: 'no_services' });
    expect(checkTransition(ctx('performed', 'invoiced', { order: mixedOrder }))).toEqual({ ok: true });
  });
});

describe('status groups from the table', () => {
  it.each([
    ['beforeShipping', ['received', 'checked', 'on_hold', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship']],
    ['inHouse', ['received', 'checked', 'on_hold', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped']],
    ['onTheWay', ['received', 'checked', 'on_hold', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped', 'shipped']],
    ['promisePending', ['received', 'checked', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship']],
    ['undelivered', ['confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped']],
    ['receivable', ['confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped', 'shipped', 'delivered', 'performed', 'invoiced']],
    ['customerMayCancel', ['received', 'checked', 'on_hold', 'confirmed']],
    ['reschedulable', ['received', 'checked', 'on_hold', 'confirmed', 'in_preparation']],
    ['shippable', ['ready_to_ship', 'partially_shipped']],
    ['shipmentStep', ['partially_shipped', 'shipped']],
    ['accountingStep', ['invoiced', 'paid', 'closed']],
  ] as const)('%s is %j', (property, statuses) => {
    expect(statusesWhere(property)).toEqual(statuses);
  });

  it('a customer may cancel exactly where the table lets them', () => {
    for (const from of orderStatuses.filter((s) => transitions[s].includes('cancelled'))) {
      const ok = checkTransition(ctx(from, 'cancelled', { role: 'customer', actorCustomerId: 7 })).ok;
      expect(ok).toBe(statusesWhere('customerMayCancel').includes(from));
    }
  });
});

describe('reasons', () => {
  it('holding and cancelling need a reason; releasing a hold asks for a comment', () => {
    expect(needsReason('checked', 'on_hold')).toBe(true);
    expect(needsReason('received', 'cancelled')).toBe(true);
    expect(needsReason('on_hold', 'checked')).toBe(false);
    expect(askedStatement('on_hold', 'checked')).toBe('comment');
    expect(askedStatement('received', 'checked')).toBeNull();
    expect(checkTransition(ctx('on_hold', 'checked', { reason: null }))).toEqual({ ok: true });
  });

  it('reasonPending checks everything but the reason', () => {
    expect(checkTransition(ctx('received', 'cancelled', { reason: null, reasonPending: true }))).toEqual({ ok: true });
    expect(checkTransition(ctx('shipped', 'cancelled', { reason: null, reasonPending: true }))).toMatchObject({ code: 'not_allowed' });
    expect(checkTransition(ctx('in_preparation', 'cancelled', { role: 'customer', actorCustomerId: 7, reason: null, reasonPending: true })))
      .toMatchObject({ code: 'role_not_permitted' });
  });
});

describe('order facts', () => {
  it('counts every line that is not a service as goods', () => {
    expect(orderFactsOf(7, [{ quantity: 2, shippedQuantity: 1 }, { quantity: 1, shippedQuantity: 0, kind: 'service' }])).toEqual({
      customerId: 7, hasGoods: true, hasServices: true,
      lines: [{ quantity: 2, shippedQuantity: 1, kind: undefined }, { quantity: 1, shippedQuantity: 0, kind: 'service' }],
    });
    expect(orderFactsOf(null, [{ quantity: 1, shippedQuantity: 0, kind: 'service' }])).toMatchObject({ hasGoods: false, hasServices: true });
  });
});

describe('status helpers', () => {
  it('isOpen is false only for closed and cancelled', () => {
    expect(orderStatuses.filter((s) => !isOpen(s))).toEqual(['closed', 'cancelled']);
  });

  it('isOrderStatus rejects unknown values', () => {
    expect(isOrderStatus('draft')).toBe(false);
    expect(isOrderStatus(3)).toBe(false);
    expect(isOrderStatus('paid')).toBe(true);
  });

  it('labels every status in German and English', () => {
    for (const s of orderStatuses) {
      expect(statusLabel(s, 'de')).toMatch(/\S/);
      expect(statusLabel(s, 'en')).toMatch(/\S/);
    }
    expect(new Set(orderStatuses.map((s) => statusLabel(s, 'de'))).size).toBe(orderStatuses.length);
    expect(statusLabel('in_execution', 'de')).toBe('In Produktion');
    expect(statusLabel('in_execution', 'en')).toBe('In production');
    expect(statusLabel('ready_to_ship', 'de')).toBe('Versandbereit');
    expect(statusLabel('ready_to_ship', 'en')).toBe('Ready to ship');
    expect(statusLabel('cancelled', 'de')).toBe('Storniert');
  });

  it('labels execution of a service order as work in progress', () => {
    expect(statusLabel('in_execution', 'de', { serviceOnly: true })).toBe('In Ausführung');
    expect(statusLabel('in_execution', 'en', { serviceOnly: true })).toBe('In progress');
    expect(statusLabel('shipped', 'de', { serviceOnly: true })).toBe('Versandt');
  });
});
