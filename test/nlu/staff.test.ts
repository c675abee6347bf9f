import { matchStaffCommand, routeStaffCommand, withStaffCommands } from '../../dialogs/staffCommands';
import { read } from './helpers';

describe('staff commands inside the understanding', () => {
  it.each([
    ['1004 shipped with DHL, tracking 00340434161234567890', { kind: 'ship', order: '1004', carrier: 'DHL', tracking: '00340434161234567890' }],
    ['1004 mit DHL versendet, Sendungsnummer 00340434161234567890', { kind: 'ship', order: '1004', carrier: 'DHL', tracking: '00340434161234567890' }],
    ['order 1008 shipped via UPS tracking 1Z999AA10123456784', { kind: 'ship', order: '1008', carrier: 'UPS', tracking: '1Z999AA10123456784' }],
    ['Auftrag 1007 per DPD verschickt', { kind: 'ship', order: '1007', carrier: 'DPD' }],
    ['release 1014', { kind: 'transition', order: '1014', to: 'checked' }],
    ['Auftrag 1014 freigeben', { kind: 'transition', order: '1014', to: 'checked' }],
    ['put 1006 on hold', { kind: 'transition', order: '1006', to: 'on_hold' }],
    ['1006 anhalten', { kind: 'transition', order: '1006', to: 'on_hold' }],
    ['mark 1010 delivered', { kind: 'transition', order: '1010', to: 'delivered' }],
    ['mark 1012 as ready to ship', { kind: 'transition', order: '1012', to: 'ready_to_ship' }],
    ['1009 ist raus mit Hermes, Sendungsnr. 12345678901234', { kind: 'ship', order: '1009', carrier: 'Hermes', tracking: '12345678901234' }],
    ['setze 1012 auf in Produktion', { kind: 'transition', order: '1012', to: 'in_execution' }],
    ['open orders for Müller Bau', { kind: 'customer_orders', customer: 'Müller Bau' }],
    ['offene Aufträge von Müller Bau', { kind: 'customer_orders', customer: 'Müller Bau' }],
    ['what ships today?', { kind: 'queue', queue: 'ship_today' }],
    ['anything overdue?', { kind: 'late' }],
  ])('%s', (text, expected) => {
    expect(matchStaffCommand(text)).toEqual(expected);
    expect(read(text, 'en').staff).toEqual(expected);
  });

  it('gives staff work its own intent and keeps questions and cancellations where customers have them too', () => {
    expect(read('release 1014', 'en')).toMatchObject({ intent: 'staff_command', order: '1014' });
    expect(read('Status Auftrag 1003')).toMatchObject({ intent: 'order_status', order: '1003' });
    expect(read('Auftrag 1016 stornieren')).toMatchObject({ intent: 'cancel_order', order: '1016' });
  });

  it('reads a question about an order as a status question, for customers and staff alike', () => {
    for (const [text, locale] of [['wurde 1004 schon geliefert', 'de'], ['is 1006 delivered?', 'en'], ['Ist 1004 schon versendet?', 'de']] as const) {
      expect(matchStaffCommand(text)).toBeNull();
      expect(read(text, locale)).toMatchObject({ intent: 'order_status', items: [], unknown: [] });
    }
    expect(read('1000 Ordner bitte')).toMatchObject({ intent: 'order', order: null });
  });

  it('reads the carrier and tracking without their keywords, and a customer number for the list', () => {
    expect(matchStaffCommand('Auftrag 1005 als versendet markieren, DHL 00340434161234567890')).toEqual({
      kind: 'ship', order: '1005', carrier: 'DHL', tracking: '00340434161234567890',
    });
    expect(matchStaffCommand('1005 mit GLS verschickt')).toEqual({ kind: 'ship', order: '1005', carrier: 'GLS' });
    expect(matchStaffCommand('Aufträge von Kunde 10002')).toEqual({ kind: 'customer_orders', customer: '10002' });
    expect(routeStaffCommand({ kind: 'customer_orders', customer: '10002' })).toEqual({ intent: 'order_status', details: { customer: '10002' } });
  });

  it('never reads an order for goods or a question as a command', () => {
    for (const text of ['3 Stühle bitte', '1004 Toner', 'Wo bleibt meine Bestellung?', 'ship 5 chairs to Hauptstraße 12, 10827 Berlin', 'Hallo']) {
      expect(matchStaffCommand(text)).toBeNull();
    }
  });

  it('routes a cancellation to the cancel dialog, which serves the customer who owns the order', async () => {
    expect(routeStaffCommand({ kind: 'transition', order: '1016', to: 'cancelled' })).toEqual({
      intent: 'cancel_order', details: { understanding: { intent: 'cancel_order', order: '1016' } },
    });
    const recognize = withStaffCommands(async () => ({ intent: 'other' }));
    expect(await recognize('Auftrag 1016 stornieren', 'de')).toMatchObject({ intent: 'cancel_order' });
    expect(await recognize('1004 shipped with DHL, tracking 00340434161234567890', 'en')).toEqual({
      intent: 'staff_work', details: { command: { kind: 'ship', order: '1004', carrier: 'DHL', tracking: '00340434161234567890' } },
    });
  });
});
