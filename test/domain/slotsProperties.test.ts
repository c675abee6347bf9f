import fc from 'fast-check';
import { addDays, berlinDateOf, berlinDateTime, berlinTimeOf, checkWorkingDay, isWorkingDay } from '../../domain/calendar';
import { absencePeriod, findSlots, occupiedUntil, sharedHours, type BusyPeriod, type WorkingHours } from '../../domain/slots';

const MINUTE = 60_000;
const resources = ['tom', 'van', 'lena'] as const;
// Weeks around the clock changes of 2026 (29 March, 25 October) and an ordinary week.
const startDates = ['2026-03-23', '2026-03-26', '2026-03-27', '2026-03-30', '2026-10-19', '2026-10-22', '2026-10-23', '2026-10-26', '2026-06-01'];
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const busyArb = fc.record({
  resourceId: fc.constantFrom(...resources),
  dayOffset: fc.integer({ min: 0, max: 9 }),
  startMinute: fc.integer({ min: 6 * 4, max: 19 * 4 }).map((q) => q * 15),
  lengthMinutes: fc.integer({ min: 1, max: 24 }).map((q) => q * 15),
  travel: fc.constantFrom(0, 0, 30, 45),
});
const absenceArb = fc.record({ resourceId: fc.constantFrom(...resources), dayOffset: fc.integer({ min: 0, max: 9 }), length: fc.integer({ min: 0, max: 3 }) });
const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .record({ open: fc.integer({ min: 6 * 2, max: 11 * 2 }), close: fc.integer({ min: 13 * 2, max: 19 * 2 }), days: fc.subarray([1, 2, 3, 4, 5, 6], { minLength: 1 }) })
  .map(({ open, close, days }) => ({ start: clock(open * 30), end: clock(close * 30), days }));

const queryArb = fc.record({
  fromDate: fc.constantFrom(...startDates),
  days: fc.integer({ min: 1, max: 6 }),
  durationMinutes: fc.integer({ min: 1, max: 16 }).map((q) => q * 30),
  resourceIds: fc.subarray([...resources], { minLength: 1 }),
  busy: fc.array(busyArb, { maxLength: 12 }),
  absences: fc.array(absenceArb, { maxLength: 3 }),
  workingHours: fc.dictionary(fc.constantFrom(...resources), hoursArb, { maxKeys: 3 }),
  travelAfterMinutes: fc.constantFrom(0, 30),
  preferredTime: fc.option(fc.integer({ min: 7 * 4, max: 18 * 4 }).map((q) => clock(q * 15)), { nil: undefined }),
  step: fc.constantFrom(15, 30, 60),
});

type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

function build(q: Query) {
  const busy: BusyPeriod[] = q.busy.map((b) => {
    const start = berlinDateTime(addDays(q.fromDate, b.dayOffset), '00:00').getTime() + b.startMinute * MINUTE;
    return { resourceId: b.resourceId, start: new Date(start), end: new Date(start + b.lengthMinutes * MINUTE), travelAfterMinutes: b.travel };
  });
  for (const a of q.absences) busy.push(absencePeriod(a.resourceId, addDays(q.fromDate, a.dayOffset), addDays(q.fromDate, a.dayOffset + a.length)));
  return { ...q, busy };
}

describe('findSlots properties (fast-check)', () => {
  it('never overlaps a booking, its travel buffer or an absence, never leaves working hours, on working days only, DST included', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const query = build(q);
        const slots = findSlots(query);
        for (const slot of slots) {
          // The exact length, also on the days the clock changes.
          expect(slot.end.getTime() - slot.start.getTime()).toBe(q.durationMinutes * MINUTE);
          const date = berlinDateOf(slot.start);
          expect(isWorkingDay(date)).toBe(true);
          expect(berlinDateOf(new Date(slot.end.getTime() - 1))).toBe(date);
          const hours = sharedHours(date, q.resourceIds, q.workingHours);
          expect(hours).not.toBeNull();
          expect(berlinTimeOf(slot.start) >= hours!.start).toBe(true);
          expect(berlinTimeOf(slot.end) <= hours!.end).toBe(true);
          const occupiedEnd = slot.end.getTime() + q.travelAfterMinutes * MINUTE;
          for (const b of query.busy.filter((p) => q.resourceIds.includes(p.resourceId as never))) {
            const apart = occupiedUntil(b) <= slot.start.getTime() || b.start.getTime() >= occupiedEnd;
            expect(apart).toBe(true);
          }
        }
        // Distinct starts; without a wished time, in time order.
        expect(new Set(slots.map((s) => s.start.getTime())).size).toBe(slots.length);
        if (!q.preferredTime) for (let i = 1; i < slots.length; i++) expect(slots[i].start.getTime()).toBeGreaterThan(slots[i - 1].start.getTime());
      }),
      { numRuns: 250 },
    );
  });

  it('misses no free slot: every grid start the brute force finds free is offered (no wished time)', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const query = { ...build(q), preferredTime: undefined };
        const offered = new Set(findSlots(query).map((s) => s.start.getTime()));
        const empty = new Set(findSlots({ ...query, busy: [] }).map((s) => s.start.getTime()));
        for (const start of empty) {
          const end = start + q.durationMinutes * MINUTE;
          const free = query.busy
            .filter((b) => q.resourceIds.includes(b.resourceId as never))
            .every((b) => occupiedUntil(b) <= start || b.start.getTime() >= end + q.travelAfterMinutes * MINUTE);
          expect(offered.has(start)).toBe(free);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('with a wished time, the first slot of each day is the free one nearest to it', () => {
    fc.assert(
      fc.property(queryArb, fc.integer({ min: 8 * 2, max: 16 * 2 }), (q, half) => {
        const wanted = clock(half * 30);
        const query = build(q);
        const all = findSlots({ ...query, preferredTime: undefined });
        const near = findSlots({ ...query, preferredTime: wanted, perDay: 1 });
        for (const slot of near) {
          const date = berlinDateOf(slot.start);
          const target = berlinDateTime(date, wanted).getTime();
          const best = Math.min(...all.filter((s) => berlinDateOf(s.start) === date).map((s) => Math.abs(s.start.getTime() - target)));
          expect(Math.abs(slot.start.getTime() - target)).toBe(best);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('slot search examples', () => {
  const tom = { durationMinutes: 90, resourceIds: ['tom'], days: 1 };

  it('keeps 30 minutes between two on-site jobs of one technician', () => {
    const busy: BusyPeriod[] = [{ resourceId: 'tom', start: berlinDateTime('2026-06-01', '10:00'), end: berlinDateTime('2026-06-01', '11:00'), travelAfterMinutes: 30 }];
    const starts = findSlots({ ...tom, busy, fromDate: '2026-06-01', travelAfterMinutes: 30 }).map((s) => berlinTimeOf(s.start));
    expect(starts.slice(0, 3)).toEqual(['08:00', '11:30', '12:00']);
    // Without travel (office work) the job may end right when the visit starts.
    const office = findSlots({ ...tom, durationMinutes: 60, busy: [{ ...busy[0], travelAfterMinutes: 0 }], fromDate: '2026-06-01' }).map((s) => berlinTimeOf(s.start));
    expect(office.slice(0, 5)).toEqual(['08:00', '08:30', '09:00', '11:00', '11:30']);
  });

  it('offers a wished time first and the nearest ones after it', () => {
    const busy: BusyPeriod[] = [{ resourceId: 'tom', start: berlinDateTime('2026-06-04', '14:00'), end: berlinDateTime('2026-06-04', '15:00') }];
    const slots = findSlots({ durationMinutes: 120, resourceIds: ['tom'], busy, fromDate: '2026-06-04', days: 1, preferredTime: '14:00' });
    expect(slots.map((s) => berlinTimeOf(s.start))).toEqual(['15:00', '12:00', '11:30']);
    const free = findSlots({ durationMinutes: 60, resourceIds: ['tom'], busy: [], fromDate: '2026-06-04', days: 1, preferredTime: '14:30', perDay: 2 });
    expect(free.map((s) => berlinTimeOf(s.start))).toEqual(['14:30', '14:00']);
  });

  it('follows a resource’s own working hours and skips its days off and absences', () => {
    const hours = { lena: { start: '09:00', end: '13:00', days: [1, 2, 3] } };
    const slots = findSlots({ durationMinutes: 120, resourceIds: ['lena'], busy: [absencePeriod('lena', '2026-06-02', '2026-06-02')], fromDate: '2026-06-01', days: 5, workingHours: hours });
    expect(slots.map((s) => `${berlinDateOf(s.start)} ${berlinTimeOf(s.start)}`)).toEqual([
      '2026-06-01 09:00', '2026-06-01 09:30', '2026-06-01 10:00', '2026-06-01 10:30', '2026-06-01 11:00',
      '2026-06-03 09:00', '2026-06-03 09:30', '2026-06-03 10:00', '2026-06-03 10:30', '2026-06-03 11:00',
    ]);
  });

  it('keeps 08:00 on the wall clock across the spring and autumn switch', () => {
    expect(findSlots({ ...tom, busy: [], fromDate: '2026-03-27', days: 2 }).filter((s) => berlinTimeOf(s.start) === '08:00').map((s) => s.start.toISOString()))
      .toEqual(['2026-03-27T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(findSlots({ ...tom, busy: [], fromDate: '2026-10-23', days: 2 }).filter((s) => berlinTimeOf(s.start) === '08:00').map((s) => s.start.toISOString()))
      .toEqual(['2026-10-23T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });
});

describe('checkWorkingDay', () => {
  it('says a Saturday is not a working day and offers Friday and Monday', () => {
    expect(checkWorkingDay('2026-12-05', '2026-12-01')).toEqual({ ok: false, reason: 'weekend', holiday: null, before: '2026-12-04', after: '2026-12-07' });
  });
  it('names a holiday and leaves out a nearest day in the past', () => {
    expect(checkWorkingDay('2026-12-26', '2026-12-25')).toEqual({ ok: false, reason: 'holiday', holiday: { de: '2. Weihnachtstag', en: 'Boxing Day' }, before: null, after: '2026-12-28' });
    expect(checkWorkingDay('2026-12-03', '2026-12-01')).toEqual({ ok: true });
  });
});
