import { type Actor } from '../../data/orders';
import { placeOrder, transitionOrder, recordShipment } from '../../operations';
import type { Db } from '../../data/db';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from './actors';

async function place(db: Db, actor: Actor, customerId: number, lines: { sku: string; quantity: number }[]) {
  const placed = await placeOrder(db, actor, { customerId, lines }, monday);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  return placed.order;
}

async function moveTo(db: Db, actor: Actor, number: string, steps: string[]) {
  for (const to of steps) {
    const moved = await transitionOrder(db, actor, number, { to: to as any }, monday);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved)}`);
  }
}

const stockOf = async (db: Db, sku: string) => {
  const product = await db('products').where({ sku }).first('on_hand');
  const reserved = await db('stock_reservations').where({ sku, status: 'reserved' }).sum({ n: 'quantity' }).first();
  return { onHand: Number(product.on_hand), reserved: Number(reserved?.n ?? 0) };
};

describeEachDatabase('order transitions', ({ get }) => {
  it('lets one of two simultaneous moves win and tells the other about the conflict', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.sales, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const [x, y] = await Promise.all([
      transitionOrder(db, a.sales, order.number, { to: 'in_preparation', expectedVersion: order.version }, monday),
      transitionOrder(db, a.admin, order.number, { to: 'cancelled', reason: 'Kunde hat angerufen', expectedVersion: order.version }, monday),
    ]);
    const outcomes = [x, y].map((r) => (r.ok ? 'ok' : r.code)).sort();
    expect(outcomes).toEqual(['conflict', 'ok']);
    const history = await db('order_history').where({ order_id: order.id });
    expect(history).toHaveLength(4); // received, checked, confirmed and the one winning step
  });

  it('refuses an illegal step with the allowed ones, and a step the role may not take', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    expect(await transitionOrder(db, a.sales, order.number, { to: 'delivered' }, monday)).toEqual({
      ok: false, code: 'illegal', reasonCode: 'not_allowed', allowed: ['in_preparation', 'cancelled'],
    });
    expect(await transitionOrder(db, a.sales, order.number, { to: 'cancelled' }, monday)).toMatchObject({ ok: false, code: 'illegal', reasonCode: 'reason_required' });
    expect(await transitionOrder(db, a.mueller, order.number, { to: 'in_preparation' }, monday)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await transitionOrder(db, a.cafe, order.number, { to: 'cancelled', reason: 'x' }, monday)).toEqual({ ok: false, code: 'not_found' });
    expect(await transitionOrder(db, a.sales, '424242', { to: 'cancelled', reason: 'x' }, monday)).toEqual({ ok: false, code: 'not_found' });
  });

  it('cancelling gives back the stock, the machine days and the appointment, and tells the customer', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const before = await stockOf(db, 'CHAIR-ERGO');
    const placed = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller,
      lines: [{ sku: 'CHAIR-ERGO', quantity: 4 }, { sku: 'SIGN-ENGRAVED', quantity: 5 }, { sku: 'SVC-SETUP', quantity: 1 }],
      serviceSlots: [{ sku: 'SVC-SETUP', start: '2026-03-05T13:00:00.000Z' }],
    }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect((await stockOf(db, 'CHAIR-ERGO')).reserved).toBe(before.reserved + 4);
    const cancelled = await transitionOrder(db, a.mueller, placed.order.number, { to: 'cancelled', reason: 'Doch nicht nötig' }, monday);
    if (!cancelled.ok) throw new Error(JSON.stringify(cancelled));
    expect(cancelled.order.status).toBe('cancelled');
    expect(await stockOf(db, 'CHAIR-ERGO')).toEqual(before);
    expect(cancelled.order.production).toEqual([]);
    expect(cancelled.order.serviceBookings.map((b) => b.status)).toEqual(['cancelled']);
    const note = await db('outbox').where({ kind: 'order_cancelled', person_id: a.mueller.personId }).first();
    expect(JSON.parse(note.payload)).toMatchObject({ orderNumber: placed.order.number, reason: 'Doch nicht nötig' });
    // The freed slot can be booked again.
    const again = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: '2026-03-05T13:00:00.000Z' }],
    }, monday);
    expect(again.ok).toBe(true);
  });
});

describeEachDatabase('shipments', ({ get }) => {
  it('ships partially, then the rest, each with its own delivery note, consuming the reservation', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.sales, a.customers.schmidt, [{ sku: 'TONER-BK', quantity: 3 }, { sku: 'PAPER-A4', quantity: 10 }]);
    const before = await stockOf(db, 'TONER-BK');
    const early = await recordShipment(db, a.sales, order.number, { carrier: 'DHL', trackingNumber: 'X1', lines: [{ lineNo: 1, quantity: 1 }] }, monday);
    expect(early).toMatchObject({ ok: false, code: 'illegal', reasonCode: 'not_allowed' });
    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);

    expect(await recordShipment(db, a.sales, order.number, { carrier: 'DHL', trackingNumber: 'X', lines: [{ lineNo: 1, quantity: 4 }] }, monday))
      .toEqual({ ok: false, code: 'invalid_lines', problems: [{ code: 'exceeds_remaining', lineNo: 1, remaining: 3 }] });
    expect(await recordShipment(db, a.mueller, order.number, { carrier: 'DHL', trackingNumber: 'X', lines: [{ lineNo: 1, quantity: 1 }] }, monday))
      .toEqual({ ok: false, code: 'not_found' });

    const first = await recordShipment(db, a.sales, order.number, { carrier: 'DHL', trackingNumber: '00340434161094042557', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 10 }] }, monday);
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.deliveryNote.number).toBe('LS-1001');
    expect(first.order.status).toBe('partially_shipped');
    expect(first.order.lines.map((l) => l.shippedQuantity)).toEqual([2, 10]);
    expect(await stockOf(db, 'TONER-BK')).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });

    const second = await recordShipment(db, a.sales, order.number, { carrier: 'DPD', trackingNumber: '0987', lines: [{ lineNo: 1, quantity: 1 }] }, monday);
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(second.deliveryNote.number).toBe('LS-1002');
    expect(second.order.status).toBe('shipped');
    expect(second.order.shipments.map((s) => [s.deliveryNoteNumber, s.carrier, s.trackingNumber, s.lines])).toEqual([
      ['LS-1001', 'DHL', '00340434161094042557', [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 10 }]],
      ['LS-1002', 'DPD', '0987', [{ lineNo: 1, quantity: 1 }]],
    ]);
    expect(await stockOf(db, 'TONER-BK')).toEqual({ onHand: before.onHand - 3, reserved: before.reserved - 3 });
    const messages = await db('outbox').where({ kind: 'order_shipped', person_id: a.schmidt.personId }).orderBy('id');
    expect(messages.map((m: any) => JSON.parse(m.payload))).toEqual([
      expect.objectContaining({ carrier: 'DHL', trackingNumber: '00340434161094042557', deliveryNote: 'LS-1001', partial: true, status: 'partially_shipped' }),
      expect.objectContaining({ carrier: 'DPD', trackingNumber: '0987', deliveryNote: 'LS-1002', partial: false, status: 'shipped' }),
    ]);
    const delivered = await transitionOrder(db, a.sales, order.number, { to: 'delivered' }, monday);
    // Both shipments were invoiced as they left the house (issue 10): delivered, the order moves on to invoiced.
    expect(delivered.ok && delivered.order.status).toBe('invoiced');
    expect(delivered.ok && delivered.order.history.filter((h) => h.from !== h.to).map((h) => h.to).slice(-2)).toEqual(['delivered', 'invoiced']);
    expect(await db('outbox').where({ kind: 'order_delivered' })).toHaveLength(1);
    expect(await transitionOrder(db, a.sales, order.number, { to: 'cancelled', reason: 'zu spät' }, monday)).toMatchObject({ ok: false, code: 'illegal' });
  });

  it('keeps partially_shipped through a further partial shipment, and only a shipment takes that step', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.sales, a.customers.schmidt, [{ sku: 'TONER-BK', quantity: 3 }]);
    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);
    const ship = (quantity: number) =>
      recordShipment(db, a.sales, order.number, { carrier: 'DHL', trackingNumber: `T${quantity}`, lines: [{ lineNo: 1, quantity }] }, monday);
    expect(await ship(1)).toMatchObject({ ok: true, order: { status: 'partially_shipped' } });
    expect(await transitionOrder(db, a.sales, order.number, { to: 'partially_shipped' }, monday))
      .toEqual({ ok: false, code: 'illegal', reasonCode: 'not_allowed', allowed: ['partially_shipped', 'shipped'] });
    expect(await ship(1)).toMatchObject({ ok: true, order: { status: 'partially_shipped', lines: [{ shippedQuantity: 2 }] } });
    expect(await ship(1)).toMatchObject({ ok: true, order: { status: 'shipped' } });
  });

  it('a backordered line cannot ship before the goods are there, and nothing of that shipment is kept', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'MONITOR-27', quantity: 1 }], backorderChoice: 'backorder' }, monday);
    if (!placed.ok) throw new Error('not placed');
    await moveTo(db, a.sales, placed.order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);
    const notes = Number((await db('shipments').count({ n: '*' }).first())!.n);
    const refused = await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'M', lines: [{ lineNo: 1, quantity: 1 }] }, monday);
    expect(refused).toEqual({ ok: false, code: 'insufficient_stock', lineNo: 1, sku: 'MONITOR-27', available: 0 });
    expect(Number((await db('shipments').count({ n: '*' }).first())!.n)).toBe(notes);
    expect((await db('orders').where({ id: placed.order.id }).first()).status).toBe('ready_to_ship');
    // Restocked: now it ships, and the number the refused attempt drew was given back.
    await db('products').where({ sku: 'MONITOR-27' }).update({ on_hand: 3 });
    const shipped = await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'M', lines: [{ lineNo: 1, quantity: 1 }] }, monday);
    expect(shipped.ok && shipped.deliveryNote.number).toBe(`LS-${1001 + notes}`);
    expect(shipped.ok && shipped.order.status).toBe('shipped');
  });
});
