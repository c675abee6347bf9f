import { berlinDateTime, berlinTimeOf, berlinToday } from '../../domain/calendar';
import { findSlots, type BusyPeriod, type Slot } from '../../domain/slots';

const printerService = { durationMinutes: 120, resourceIds: ['tom-richter', 'van-1'] };
const monday = '2026-06-01';
const times = (slots: Slot[]) => slots.map((s) => `${berlinToday(s.start)} ${berlinTimeOf(s.start)}-${berlinTimeOf(s.end)}`);
const busy = (resourceId: string, date: string, from: string, to: string): BusyPeriod => ({
  resourceId,
  start: berlinDateTime(date, from),
  end: berlinDateTime(date, to),
});

describe('findSlots', () => {
  it('offers a free day on a 30-minute grid inside 08:00–17:00', () => {
    const slots = findSlots({ ...printerService, busy: [], fromDate: monday, days: 1 });
    expect(slots).toHaveLength(15);
    expect(times(slots)[0]).toBe('2026-06-01 08:00-10:00');
    expect(times(slots)[14]).toBe('2026-06-01 15:00-17:00');
    expect(slots[0].start.toISOString()).toBe('2026-06-01T06:00:00.000Z');
  });

  it('blocks slots when the van is busy although the technician is free', () => {
    const slots = findSlots({ ...printerService, busy: [busy('van-1', monday, '10:00', '12:00')], fromDate: monday, days: 1 });
    expect(times(slots).map((t) => t.slice(11, 16))).toEqual(['08:00', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00']);
  });

  it('needs all resources: a busy technician and a busy van combine', () => {
    const slots = findSlots({
      ...printerService,
      busy: [busy('tom-richter', monday, '08:00', '09:00'), busy('van-1', monday, '13:00', '17:00')],
      fromDate: monday,
      days: 1,
    });
    expect(times(slots).map((t) => t.slice(11, 16))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  it('ignores other resources being busy', () => {
    const slots = findSlots({ ...printerService, busy: [busy('lena-wolf', monday, '08:00', '17:00')], fromDate: monday, days: 1 });
    expect(slots).toHaveLength(15);
  });

  it('lets a slot start exactly when a busy period ends', () => {
    const slots = findSlots({ durationMinutes: 60, resourceIds: ['lena-wolf'], busy: [busy('lena-wolf', monday, '08:00', '16:00')], fromDate: monday, days: 1 });
    expect(times(slots)).toEqual(['2026-06-01 16:00-17:00']);
  });

  it('filters morning (start before 12:00) and afternoon (from 12:00)', () => {
    const morning = findSlots({ ...printerService, busy: [], fromDate: monday, days: 1, partOfDay: 'morning' });
    const afternoon = findSlots({ ...printerService, busy: [], fromDate: monday, days: 1, partOfDay: 'afternoon' });
    expect(times(morning).map((t) => t.slice(11, 16))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(times(afternoon).map((t) => t.slice(11, 16))).toEqual(['12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00']);
  });

  it('skips weekends and holidays and counts working days', () => {
    const slots = findSlots({ durationMinutes: 540, resourceIds: ['lena-wolf'], busy: [], fromDate: '2026-04-02', days: 3 });
    expect(times(slots)).toEqual(['2026-04-02 08:00-17:00', '2026-04-07 08:00-17:00', '2026-04-08 08:00-17:00']);
    const fromSaturday = findSlots({ durationMinutes: 540, resourceIds: [], busy: [], fromDate: '2026-06-06', days: 1 });
    expect(times(fromSaturday)).toEqual(['2026-06-08 08:00-17:00']);
  });

  it('keeps Berlin hours across the DST switch', () => {
    const slots = findSlots({ durationMinutes: 540, resourceIds: ['lena-wolf'], busy: [], fromDate: '2026-03-27', days: 2 });
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-03-27T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(slots.map((s) => s.end.toISOString())).toEqual(['2026-03-27T16:00:00.000Z', '2026-03-30T15:00:00.000Z']);
  });

  it('offers nothing for a job longer than a working day', () => {
    expect(findSlots({ durationMinutes: 541, resourceIds: [], busy: [], fromDate: monday, days: 5 })).toEqual([]);
  });

  it('honours notBefore, limit and a custom step', () => {
    const slots = findSlots({
      ...printerService,
      busy: [],
      fromDate: monday,
      days: 2,
      step: 60,
      notBefore: berlinDateTime(monday, '13:10'),
      limit: 4,
    });
    expect(times(slots)).toEqual(['2026-06-01 14:00-16:00', '2026-06-01 15:00-17:00', '2026-06-02 08:00-10:00', '2026-06-02 09:00-11:00']);
  });

  it('rejects nonsense input', () => {
    expect(() => findSlots({ ...printerService, durationMinutes: 0, busy: [], fromDate: monday, days: 1 })).toThrow(RangeError);
    expect(() => findSlots({ ...printerService, busy: [], fromDate: monday, days: 1, step: 0 })).toThrow(RangeError);
    expect(() => findSlots({ ...printerService, busy: [], fromDate: 'Montag', days: 1 })).toThrow(RangeError);
  });
});
