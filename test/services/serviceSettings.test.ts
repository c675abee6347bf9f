import { loadConfig } from '../../bot/config';
import { findServiceSlots } from '../../data/bookings';
import { loadServiceSettings, saveServiceSettings } from '../../data/serviceSettings';
import { berlinDateTime, berlinTimeOf } from '../../domain/calendar';
import { placeOrder, quoteCancellation } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const monday = new Date('2026-03-02T08:00:00Z');
const at = (date: string, time: string) => berlinDateTime(date, time).toISOString();

describe('service settings from the environment', () => {
  it('reads TRAVEL_BUFFER_MINUTES, REMINDER_HOUR and LATE_CANCELLATION_FEE_PERCENT with their defaults and ranges', () => {
    expect(loadConfig({}).services).toEqual({ travelBufferMinutes: 30, reminderHour: 18, lateFeePercent: 50 });
    expect(loadConfig({ TRAVEL_BUFFER_MINUTES: '45', REMINDER_HOUR: '17', LATE_CANCELLATION_FEE_PERCENT: '20' }).services).toEqual({ travelBufferMinutes: 45, reminderHour: 17, lateFeePercent: 20 });
    expect(() => loadConfig({ REMINDER_HOUR: '25' })).toThrow(/REMINDER_HOUR/);
    expect(() => loadConfig({ LATE_CANCELLATION_FEE_PERCENT: 'half' })).toThrow(/lateFeePercent/);
  });
});

describeEachDatabase('service settings in the database', ({ get }) => {
  it('a longer travel buffer, another reminder hour and fee are used by the slot search, reminders and cancellations', async () => {
    const { db } = get();
    expect(await loadServiceSettings(db)).toEqual({ travelBufferMinutes: 30, reminderHour: 18, lateFeePercent: 50 });
    await saveServiceSettings(db, { travelBufferMinutes: 45, reminderHour: 17, lateFeePercent: 20 });
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: at('2026-03-09', '08:00') }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const [next] = await findServiceSlots(db, 'SVC-SETUP', { fromDate: '2026-03-09', days: 1, limit: 1 }, monday);
    expect(berlinTimeOf(new Date(next.start))).toBe('10:30'); // 09:30 end + 45 minutes, on the half-hour grid
    const reminder = await db('outbox').where({ kind: 'appointment_reminder' }).first('due_at');
    expect(reminder.due_at).toBe(at('2026-03-08', '17:00')); // the calendar day before, at 17:00
    const quote = await quoteCancellation(db, a.mueller, placed.order.number, undefined, new Date(at('2026-03-09', '07:00')));
    expect(quote).toMatchObject({ ok: true, quote: { late: true, feeCents: 3000 } }); // 20 % of 150 €
    await saveServiceSettings(db, { travelBufferMinutes: 30, reminderHour: 18, lateFeePercent: 50 });
  });
});
