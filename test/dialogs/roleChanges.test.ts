import type { Db } from '../../data/db';
import { OrderDialog } from '../../dialogs/orderDialog';
import { StaffDialog } from '../../dialogs/staffDialog';
import { describeEachDatabase } from '../support/databases';
import { chatAs, monday } from '../staff/helpers';
import { button, orderCount, shown, TUESDAY_MORNING } from './orderHarness';

/** The bot reads the person and role on every turn: a role changed in the database counts from the next message. */
describeEachDatabase('a role changed in the database', ({ get }) => {
  const setRole = (db: Db, demoId: string, role: string) =>
    db('persons').whereIn('id', db('channel_identities').where({ user_id: demoId }).select('person_id')).update({ role });

  it('stops a sales person who became an accountant from placing the order drafted before', async () => {
    const { db } = get();
    const { send } = chatAs(db, new OrderDialog({ db, now: () => TUESDAY_MORNING }), 'demo-sales');
    const summary = await send('Bestellung für Müller Bau: 5 Stühle');
    expect(shown(summary)).toContain('Müller Bau GmbH');
    const before = await orderCount(db);
    await setRole(db, 'demo-sales', 'accountant');
    try {
      const refused = shown(await send(button(summary, 'Bestellen')));
      expect(refused).toContain('Für dieses Kundenkonto können Sie leider keine Bestellung aufgeben.');
      expect(await orderCount(db)).toBe(before);
    } finally {
      await setRole(db, 'demo-sales', 'sales');
    }
  });

  it('lets an accountant who became sales order and see the work queues on the next message', async () => {
    const { db } = get();
    const order = chatAs(db, new OrderDialog({ db, now: () => TUESDAY_MORNING }), 'demo-accounting');
    expect(shown(await order.send('Bestellung für Müller Bau: 5 Stühle'))).toContain('Als Buchhaltung können Sie leider keine Bestellungen aufgeben.');
    const staff = chatAs(db, new StaffDialog({ db, now: () => monday }), 'demo-accounting');
    const before = shown(await staff.send('offene Aufträge'));
    expect(before).not.toContain('Offene Aufträge');
    await setRole(db, 'demo-accounting', 'sales');
    try {
      expect(shown(await order.send('Bestellung für Müller Bau: 5 Stühle'))).toContain('Müller Bau GmbH');
      expect(shown(await staff.send('offene Aufträge'))).toContain('Offene Aufträge');
    } finally {
      await setRole(db, 'demo-accounting', 'accountant');
    }
  });
});
