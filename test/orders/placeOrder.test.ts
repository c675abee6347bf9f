import { checkLines, getOrder, listOrders } from '../../data/orders';
import { placeOrder, transitionOrder } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from './actors';

const reservedOf = async (db: any, sku: string) =>
  Number((await db('stock_reservations').where({ sku, status: 'reserved' }).sum({ n: 'quantity' }).first()).n ?? 0);

describeEachDatabase('placing an order', ({ get }) => {
  it('numbers orders 1001, 1002, prices them, confirms them and queues the confirmation', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller,
      lines: [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'coffee-1kg', quantity: 2 }],
    }, monday);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    expect(first.created).toBe(true);
    const order = first.order;
    expect(order.number).toBe('1001');
    expect(order.status).toBe('confirmed');
    expect(order.lines.map((l) => [l.lineNo, l.sku, l.quantity, l.netCents])).toEqual([[1, 'PAPER-A4', 10, 4900], [2, 'COFFEE-1KG', 2, 3780]]);
    // 19 % of 49.00 = 9.31; 7 % of 37.80 = 2.646 → 2.65
    expect(order.totals).toMatchObject({ netCents: 8680, vatCents: 931 + 265, grossCents: 8680 + 1196 });
    expect(order.history.map((h) => [h.from, h.to, h.actorRole])).toEqual([
      [null, 'received', 'customer'], ['received', 'checked', 'system'], ['checked', 'confirmed', 'system'],
    ]);
    expect(order.history[0]).toMatchObject({ actorPersonId: a.mueller.personId, actorName: 'Peter Müller', channel: 'directline' });
    expect(order.enteredBy).toEqual({ personId: a.mueller.personId, name: 'Peter Müller' });
    expect(order.customer).toMatchObject({ number: '10001', name: 'Müller Bau GmbH' });
    expect(await reservedOf(db, 'PAPER-A4')).toBe(10);

    const outbox = await db('outbox').where({ kind: 'order_confirmed' });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].person_id).toBe(a.mueller.personId);
    expect(JSON.parse(outbox[0].payload)).toMatchObject({ orderNumber: '1001', status: 'confirmed' });

    const second = await placeOrder(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'TONER-BK', quantity: 1 }] }, monday);
    expect(second.ok && second.order.number).toBe('1002');
    expect(second.ok && second.order.history[0]).toMatchObject({ actorRole: 'sales', actorPersonId: a.sales.personId });
  });

  it('returns the same order for the same draft key', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const input = { customerId: a.customers.schmidt, lines: [{ sku: 'PAPER-A4', quantity: 1 }], draftKey: 'conv-1:draft-7' };
    const [x, y] = await Promise.all([placeOrder(db, a.schmidt, input, monday), placeOrder(db, a.schmidt, input, monday)]);
    const z = await placeOrder(db, a.schmidt, input, monday);
    if (!x.ok || !y.ok || !z.ok) throw new Error('draft key replay failed');
    expect(new Set([x.order.number, y.order.number, z.order.number]).size).toBe(1);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(z.created).toBe(false);
    expect(await db('orders').where({ draft_key: 'conv-1:draft-7' })).toHaveLength(1);
  });

  it('refuses what the actor may not do and what does not exist, writing nothing', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const before = Number((await db('orders').count({ n: '*' }).first())!.n);
    const forOther = await placeOrder(db, a.mueller, { customerId: a.customers.cafe, lines: [{ sku: 'PAPER-A4', quantity: 1 }] }, monday);
    expect(forOther).toEqual({ ok: false, problems: [{ code: 'forbidden', field: 'customerId' }] });
    const byAccounting = await placeOrder(db, a.accounting, { customerId: a.customers.cafe, lines: [{ sku: 'PAPER-A4', quantity: 1 }] }, monday);
    expect(byAccounting.ok).toBe(false);
    const unknownCustomer = await placeOrder(db, a.sales, { customerId: 9999, lines: [{ sku: 'PAPER-A4', quantity: 1 }] }, monday);
    expect(unknownCustomer).toEqual({ ok: false, problems: [{ code: 'unknown_customer', field: 'customerId' }] });
    const unknownSku = await placeOrder(db, a.sales, {
      customerId: a.customers.cafe, lines: [{ sku: 'NOPE-1', quantity: 1 }, { sku: 'PAPER-A4', quantity: 0 }], requestedDate: '2026-03-07',
    }, monday);
    expect(unknownSku.ok === false && unknownSku.problems.map((p) => p.code)).toEqual(['unknown_sku', 'bad_quantity', 'date_not_working_day']);
    expect(Number((await db('orders').count({ n: '*' }).first())!.n)).toBe(before);
  });

  it('customers read and list only their own account\'s orders', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'TONER-BK', quantity: 1 }] }, monday);
    if (!placed.ok) throw new Error('not placed');
    expect(await getOrder(db, a.cafe, placed.order.number)).toBeNull();
    expect(await getOrder(db, a.cafe, '999999')).toBeNull();
    expect((await getOrder(db, a.mueller, placed.order.number))?.number).toBe(placed.order.number);
    expect((await getOrder(db, a.accounting, placed.order.number))?.number).toBe(placed.order.number);
    const cafeList = await listOrders(db, a.cafe, { customerId: a.customers.mueller });
    expect(cafeList.orders.every((o) => o.customer.number === '10002')).toBe(true);
    const muellerList = await listOrders(db, a.mueller, {});
    expect(muellerList.orders.length).toBeGreaterThan(0);
    expect(muellerList.orders.every((o) => o.customer.number === '10001')).toBe(true);
    const page = await listOrders(db, a.sales, { limit: 1, offset: 0, statuses: ['confirmed'] });
    expect(page.orders).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });
});

describeEachDatabase('stock', ({ get }) => {
  it('MONITOR-27 without stock asks for a choice first; with backorder it is confirmed with the restock date', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const checks = await checkLines(db, [{ sku: 'MONITOR-27', quantity: 2 }, { sku: 'PAPER-A4', quantity: 5 }, { sku: 'XYZ', quantity: 1 }], monday);
    expect(checks).toEqual([
      { sku: 'MONITOR-27', quantity: 2, kind: 'goods', ok: false, available: 0, shortBy: 2, restockDate: '2026-12-15' },
      { sku: 'PAPER-A4', quantity: 5, kind: 'goods', ok: true, available: 400 },
      { sku: 'XYZ', quantity: 1, kind: null, ok: false },
    ]);
    const lines = [{ sku: 'MONITOR-27', quantity: 2 }];
    const asked = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines }, monday);
    expect(asked).toEqual({
      ok: false,
      problems: [{ code: 'out_of_stock', field: 'lines[0].quantity', sku: 'MONITOR-27', available: 0, shortBy: 2, restockDate: '2026-12-15' }],
    });
    expect(Number((await db('orders').count({ n: '*' }).first())!.n)).toBe(0);

    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines, backorderChoice: 'backorder' }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(placed.order).toMatchObject({ status: 'confirmed', backorderChoice: 'backorder', promisedDate: '2026-12-15' });
    expect(placed.order.history[1].details).toMatchObject({ backorder: { choice: 'backorder', lines: [{ sku: 'MONITOR-27', shortBy: 2 }] } });
  });

  it('never reserves more than is on hand when 8 orders race for 5 desks', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const results = await Promise.all(Array.from({ length: 8 }, () =>
      placeOrder(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'DESK-160', quantity: 2 }] }, monday)));
    const placed = results.filter((r) => r.ok);
    expect(placed).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.problems[0].code === 'out_of_stock')).toBe(true);
    expect(await reservedOf(db, 'DESK-160')).toBe(4);

    // Partial deliveries race for the last desk: exactly one gets it.
    const partial = await Promise.all(Array.from({ length: 4 }, () =>
      placeOrder(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'DESK-160', quantity: 2 }], backorderChoice: 'partial' }, monday)));
    expect(partial.every((r) => r.ok)).toBe(true);
    expect(await reservedOf(db, 'DESK-160')).toBe(5);
  });
});

describeEachDatabase('made to order and services', ({ get }) => {
  it('plans 50 engraved signs over 3 working days of the laser and promises the completion date', async () => {
    const { db } = get();
    const a = await demoActors(db);
    expect(await checkLines(db, [{ sku: 'SIGN-ENGRAVED', quantity: 50 }], monday)).toEqual([
      { sku: 'SIGN-ENGRAVED', quantity: 50, kind: 'made_to_order', ok: true, completionDate: '2026-03-05' },
    ]);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SIGN-ENGRAVED', quantity: 50 }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(placed.order.production).toEqual([
      { resourceId: 'laser', date: '2026-03-03', units: 20 },
      { resourceId: 'laser', date: '2026-03-04', units: 20 },
      { resourceId: 'laser', date: '2026-03-05', units: 10 },
    ]);
    expect(placed.order.promisedDate).toBe('2026-03-05');
    // The next order fills the rest of Thursday first.
    const next = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SIGN-ENGRAVED', quantity: 15 }] }, monday);
    expect(next.ok && next.order.production).toEqual([
      { resourceId: 'laser', date: '2026-03-05', units: 10 },
      { resourceId: 'laser', date: '2026-03-06', units: 5 },
    ]);

    // Work queues: late once the promised day has passed, to ship from the promised day on.
    const numbers = async (filter: object, now: Date) => (await listOrders(db, a.sales, filter, now)).orders.map((o) => o.number).sort();
    const both = [placed.order.number, next.ok ? next.order.number : ''].sort();
    expect(await numbers({ late: true }, monday)).toEqual([]);
    expect(await numbers({ shipToday: true }, new Date('2026-03-05T09:00:00Z'))).toEqual([placed.order.number]);
    expect(await numbers({ late: true }, new Date('2026-03-09T09:00:00Z'))).toEqual(both);
    expect((await listOrders(db, a.sales, { late: true, customerId: a.customers.cafe }, new Date('2026-03-09T09:00:00Z'))).total).toBe(0);
  });

  it('books every resource of a service at the requested start, and refuses a taken slot', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = '2026-03-04T09:00:00.000Z'; // 10:00 in Berlin
    const placed = await placeOrder(db, a.schmidt, {
      customerId: a.customers.schmidt, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start }],
    }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(placed.order.serviceBookings).toEqual([
      { sku: 'SVC-PRINTER', resourceIds: ['tom-richter', 'van-1'], start, end: '2026-03-04T11:00:00.000Z', status: 'booked' },
    ]);
    expect(placed.order.promisedDate).toBe('2026-03-04');
    // Tom is busy then, so a workstation setup at 10:30 collides.
    const taken = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: '2026-03-04T09:30:00.000Z' }],
    }, monday);
    expect(taken).toEqual({ ok: false, problems: [{ code: 'slot_taken', field: 'serviceSlots', sku: 'SVC-SETUP', start: '2026-03-04T09:30:00.000Z' }] });
    const offHours = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: '2026-03-04T20:00:00.000Z' }],
    }, monday);
    expect(offHours.ok === false && offHours.problems[0].code).toBe('slot_invalid');
  });
});

describeEachDatabase('credit', ({ get }) => {
  it('holds an order above Café Sonnenschein\'s limit, tells sales, and confirms it when sales releases it', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'CHAIR-ERGO', quantity: 3 }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(placed.order).toMatchObject({ status: 'on_hold', holdReason: 'credit_limit' });
    expect(placed.order.history.map((h) => h.to)).toEqual(['received', 'on_hold']);
    expect(placed.order.history[1].details).toMatchObject({ credit: { reason: 'credit_limit', creditLimitCents: 100_000 } });
    const holds = await db('outbox').where({ kind: 'order_on_hold' });
    expect(holds.map((r: any) => r.person_id)).toEqual([a.cafe.personId]);
    const reviews = await db('outbox').where({ kind: 'order_on_hold_review' }).orderBy('person_id');
    expect(reviews.map((r: any) => r.person_id).sort()).toEqual([a.sales.personId, a.admin.personId].sort());

    const released = await transitionOrder(db, a.sales, placed.order.number, { to: 'checked', reason: 'Stammkunde, Zahlung zugesagt' }, monday);
    if (!released.ok) throw new Error(JSON.stringify(released));
    expect(released.order).toMatchObject({ status: 'confirmed', holdReason: null });
    expect(released.order.history.slice(-2).map((h) => [h.from, h.to, h.actorRole, h.reason])).toEqual([
      ['on_hold', 'checked', 'sales', 'Stammkunde, Zahlung zugesagt'], ['checked', 'confirmed', 'system', null],
    ]);
    expect(await db('outbox').where({ kind: 'order_confirmed', person_id: a.cafe.personId })).toHaveLength(1);

    // The confirmed order now counts against the limit: a small further order is held too.
    const more = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'COFFEE-1KG', quantity: 1 }] }, monday);
    expect(more.ok && more.order.status).toBe('on_hold');
  });
});
