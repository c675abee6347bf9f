import { matchStaffCommand, StaffIntents, withStaffCommands } from '../../dialogs/staffCommands';

describe('staff phrases', () => {
  it.each([
    ['offene Aufträge', { kind: 'queue', queue: 'open' }],
    ['Zeige alle offenen Aufträge', { kind: 'queue', queue: 'open' }],
    ['open orders', { kind: 'queue', queue: 'open' }],
    ['Aufträge auf Halt', { kind: 'queue', queue: 'on_hold' }],
    ['orders on hold', { kind: 'queue', queue: 'on_hold' }],
    ['heute zu versenden', { kind: 'queue', queue: 'ship_today' }],
    ['to ship today', { kind: 'queue', queue: 'ship_today' }],
    ['what is late?', { kind: 'late' }],
    ['Was ist überfällig?', { kind: 'late' }],
    ['Status Auftrag 1003', { kind: 'order_status', order: '1003' }],
    ['status of order #1003', { kind: 'order_status', order: '1003' }],
    ['Auftrag 1003', { kind: 'order_status', order: '1003' }],
    ['Aufträge von Müller Bau', { kind: 'customer_orders', customer: 'Müller Bau' }],
    ['orders of Café Sonnenschein', { kind: 'customer_orders', customer: 'Café Sonnenschein' }],
    ['1004 ist geliefert', { kind: 'transition', order: '1004', to: 'delivered' }],
    ['Auftrag 1004 in Produktion', { kind: 'transition', order: '1004', to: 'in_execution' }],
    ['1004 versandbereit', { kind: 'transition', order: '1004', to: 'ready_to_ship' }],
    ['mark order 1004 as delivered', { kind: 'transition', order: '1004', to: 'delivered' }],
    ['1004 stornieren', { kind: 'transition', order: '1004', to: 'cancelled' }],
    ['1004 versendet', { kind: 'ship', order: '1004' }],
    ['order 1004 shipped', { kind: 'ship', order: '1004' }],
  ])('%s', (text, expected) => {
    expect(matchStaffCommand(text)).toEqual(expected);
  });

  it.each(['5 Pakete Kopierpapier', 'Hallo', 'Wo bleibt meine Bestellung?', '1004 Toner', ''])('leaves "%s" to the other recognizers', (text) => {
    expect(matchStaffCommand(text)).toBeNull();
  });

  it('routes work to the staff dialog and questions to the status dialog, everything else onwards', async () => {
    const recognize = withStaffCommands(async () => ({ intent: 'other' }));
    expect(await recognize('offene Aufträge', 'de')).toEqual({ intent: StaffIntents.work, details: { command: { kind: 'queue', queue: 'open' } } });
    expect(await recognize('1004 ist geliefert', 'de')).toMatchObject({ intent: StaffIntents.work });
    expect(await recognize('Status Auftrag 1003', 'de')).toEqual({ intent: StaffIntents.status, details: { order: '1003' } });
    expect(await recognize('what is late', 'en')).toEqual({ intent: StaffIntents.status, details: { late: true } });
    expect(await recognize('Aufträge von Müller Bau', 'de')).toEqual({ intent: StaffIntents.status, details: { customerQuery: 'Müller Bau' } });
    expect(await recognize('Hallo', 'de')).toEqual({ intent: 'other' });
  });
});
