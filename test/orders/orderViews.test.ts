import { getOrder, getOrderSummary, loadOrderViews } from '../../data/orders';
import { placeOrder, recordShipment, transitionOrder } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from './actors';

/** Order views read the order and all its child tables in one statement (JSON columns per dialect). */
describeEachDatabase('order views', ({ get }) => {
  it('reads a whole order, with history, shipment lines and appointments, in one statement', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'TONER-BK', quantity: 3 }, { sku: 'PAPER-A4', quantity: 10 }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const number = placed.order.number;
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) {
      const moved = await transitionOrder(db, a.sales, number, { to, reason: to === 'in_execution' ? 'Lager: "A" & B' : undefined }, monday);
      if (!moved.ok) throw new Error(JSON.stringify(moved));
    }
    const shipped = await recordShipment(db, a.sales, number, { carrier: 'DHL', trackingNumber: 'T-1', lines: [{ lineNo: 2, quantity: 4 }, { lineNo: 1, quantity: 1 }] }, monday);
    if (!shipped.ok) throw new Error(JSON.stringify(shipped));
    const service = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: '2026-03-19T08:00:00.000Z' }] }, monday);
    if (!service.ok) throw new Error(JSON.stringify(service.problems));

    let statements = 0;
    const count = () => statements++;
    db.on('query', count);
    try {
      const view = (await getOrder(db, a.sales, number))!;
      expect(statements).toBe(1);
      expect(view.lines.map((l) => [l.lineNo, l.sku, l.quantity, l.shippedQuantity])).toEqual([[1, 'TONER-BK', 3, 1], [2, 'PAPER-A4', 10, 4]]);
      expect(view.lines[0].name).toEqual({ de: expect.any(String), en: expect.any(String) });
      expect(view.history.map((h) => h.to)).toEqual(['received', 'checked', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped', 'partially_shipped']);
      expect(view.history[4]).toMatchObject({ from: 'in_preparation', reason: 'Lager: "A" & B', actorName: 'Sabine Vogel', actorPersonId: a.sales.personId, details: null });
      expect(view.history[1]).toMatchObject({ actorName: null, actorPersonId: null, details: { reserved: [{ sku: 'TONER-BK', quantity: 3 }, { sku: 'PAPER-A4', quantity: 10 }] } });
      expect(view.shipments).toEqual([expect.objectContaining({ carrier: 'DHL', trackingNumber: 'T-1', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 4 }] })]);
      expect(view.serviceBookings).toEqual([]);
      expect(view.totals.grossCents).toBe(placed.order.totals.grossCents);

      statements = 0;
      const both = await loadOrderViews(db, [service.order.id, placed.order.id]);
      expect(statements).toBe(1);
      expect(both.map((v) => v.number)).toEqual([service.order.number, number]);
      expect(both[0].serviceBookings).toEqual([expect.objectContaining({ sku: 'SVC-CONSULT', start: '2026-03-19T08:00:00.000Z', status: 'booked', resourceIds: [expect.any(String)] })]);
      expect(both[0].shipments).toEqual([]);
      expect(both[1]).toEqual(view);

      statements = 0;
      expect(await getOrder(db, a.mueller, number)).toBeNull(); // someone else's order: nothing, in one statement too
      expect(statements).toBe(1);

      // The summary a customer's status answer reads: the view without history, appointments and machine days.
      const { history: _history, serviceBookings: _bookings, production: _production, ...rest } = view;
      expect(await getOrderSummary(db, a.schmidt, number)).toEqual(rest);
      expect(await getOrderSummary(db, a.mueller, number)).toBeNull();
      expect(await getOrderSummary(db, a.schmidt, '999999')).toBeNull();
    } finally {
      db.off('query', count);
    }
  });
});
