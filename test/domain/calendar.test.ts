import {
  addDays,
  addWorkingDays,
  berlinDateTime,
  berlinHolidays,
  berlinTimeOf,
  berlinToday,
  dayOfWeek,
  daysBetween,
  easterSunday,
  holidayName,
  isValidDate,
  isWorkingDay,
  nextWorkingDay,
  workingDayOnOrAfter,
} from '../../domain/calendar';

describe('dates as strings', () => {
  it('validates YYYY-MM-DD including leap years', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-4-1')).toBe(false);
    expect(isValidDate('01.04.2026')).toBe(false);
    expect(isValidDate(null)).toBe(false);
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
  });

  it('gives ISO weekdays, Monday = 1 … Sunday = 7', () => {
    expect(dayOfWeek('2026-06-01')).toBe(1);
    expect(dayOfWeek('2026-06-05')).toBe(5);
    expect(dayOfWeek('2026-06-07')).toBe(7);
  });

  it('throws on malformed dates instead of computing nonsense', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => isWorkingDay('tomorrow')).toThrow(RangeError);
  });
});

describe('Easter and Berlin holidays', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the 2026 holidays', () => {
    expect(berlinHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-03-08',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('lists the 2027 holidays (early Easter)', () => {
    expect(berlinHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-08',
      '2027-03-26',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-17',
      '2027-10-03',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it.each(['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2027-03-08', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17', '2026-01-01', '2026-05-01', '2026-12-25'])(
    '%s is not a working day',
    (date) => {
      expect(isWorkingDay(date)).toBe(false);
    },
  );

  it('treats ordinary weekdays as working days and weekends as not', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Thursday before Good Friday
    expect(isWorkingDay('2026-04-07')).toBe(true); // Tuesday after Easter Monday
    expect(isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve is no public holiday
    expect(isWorkingDay('2026-10-31')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-01')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-30')).toBe(true); // Reformation Day is not a holiday in Berlin
  });

  it('knows the one-off 8 May 2025 and Women’s Day only from 2019', () => {
    expect(isWorkingDay('2025-05-08')).toBe(false);
    expect(isWorkingDay('2026-05-08')).toBe(true);
    expect(isWorkingDay('2018-03-08')).toBe(true);
  });

  it('names holidays in both languages', () => {
    expect(holidayName('2026-04-03', 'de')).toBe('Karfreitag');
    expect(holidayName('2026-04-03', 'en')).toBe('Good Friday');
    expect(holidayName('2027-03-08', 'de')).toBe('Internationaler Frauentag');
    expect(holidayName('2026-04-02', 'de')).toBeNull();
  });
});

describe('working day arithmetic', () => {
  it('nextWorkingDay skips weekends and holidays', () => {
    expect(nextWorkingDay('2026-06-05')).toBe('2026-06-08'); // Fri -> Mon
    expect(nextWorkingDay('2026-04-02')).toBe('2026-04-07'); // Thu -> over Easter -> Tue
    expect(nextWorkingDay('2026-12-23')).toBe('2026-12-24');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
  });

  it('workingDayOnOrAfter keeps a working day', () => {
    expect(workingDayOnOrAfter('2026-06-03')).toBe('2026-06-03');
    expect(workingDayOnOrAfter('2026-06-06')).toBe('2026-06-08');
  });

  it('addWorkingDays moves forward and backward', () => {
    expect(addWorkingDays('2026-06-05', 1)).toBe('2026-06-08');
    expect(addWorkingDays('2026-06-01', 5)).toBe('2026-06-08');
    expect(addWorkingDays('2026-04-01', 3)).toBe('2026-04-08'); // Thu, (Good Fri, Easter Mon), Tue, Wed
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
    expect(addWorkingDays('2026-06-06', 0)).toBe('2026-06-08');
    expect(addWorkingDays('2026-06-03', 0)).toBe('2026-06-03');
    expect(() => addWorkingDays('2026-06-03', 1.5)).toThrow(RangeError);
  });
});

describe('Europe/Berlin time', () => {
  it('berlinToday switches at Berlin midnight, not UTC midnight', () => {
    expect(berlinToday(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
    expect(berlinToday(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
    expect(berlinToday(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(berlinToday(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(berlinToday(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(berlinToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
      expect(berlinDateTime('2026-07-01', '08:00').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('berlinDateTime uses +01:00 in winter and +02:00 in summer', () => {
    expect(berlinDateTime('2026-01-15', '08:00').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(berlinDateTime('2026-07-15', '08:00').toISOString()).toBe('2026-07-15T06:00:00.000Z');
    expect(berlinDateTime('2026-07-15', '00:00').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(berlinDateTime('2026-12-31', '23:59').toISOString()).toBe('2026-12-31T22:59:00.000Z');
  });

  it('is correct on the spring switch day (29 March 2026)', () => {
    expect(berlinDateTime('2026-03-29', '01:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(berlinDateTime('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(berlinDateTime('2026-03-29', '08:00').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // 02:30 does not exist that night; it lands on the same instant as 03:30.
    expect(berlinDateTime('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(berlinDateTime('2026-03-27', '17:00').toISOString()).toBe('2026-03-27T16:00:00.000Z');
    expect(berlinDateTime('2026-03-30', '17:00').toISOString()).toBe('2026-03-30T15:00:00.000Z');
  });

  it('is correct on the autumn switch day (25 October 2026)', () => {
    expect(berlinDateTime('2026-10-25', '01:59').toISOString()).toBe('2026-10-24T23:59:00.000Z');
    // 02:30 happens twice; the first (summer time) occurrence is chosen.
    expect(berlinDateTime('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(berlinDateTime('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(berlinDateTime('2026-10-25', '08:00').toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(berlinDateTime('2026-10-23', '08:00').toISOString()).toBe('2026-10-23T06:00:00.000Z');
    expect(berlinDateTime('2026-10-26', '08:00').toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('round-trips through berlinDateOf/berlinTimeOf', () => {
    for (const [date, time] of [['2026-03-29', '03:15'], ['2026-10-25', '04:45'], ['2027-03-28', '12:00'], ['2027-10-31', '16:30']]) {
      const instant = berlinDateTime(date, time);
      expect(berlinToday(instant)).toBe(date);
      expect(berlinTimeOf(instant)).toBe(time);
    }
  });

  it('rejects malformed times and invalid instants', () => {
    expect(() => berlinDateTime('2026-01-15', '24:00')).toThrow(RangeError);
    expect(() => berlinDateTime('2026-01-15', '8:00')).toThrow(RangeError);
    expect(() => berlinToday(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('the Berlin wall clock', () => {
  const intl = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const expected = (d: Date) => {
    const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  };

  it.each([
    ['spring forward', '2026-03-29T01:00:00Z'],
    ['fall back', '2026-10-25T01:00:00Z'],
    ['new year', '2026-12-31T23:00:00Z'],
    ['leap day', '2028-02-28T23:00:00Z'],
  ])('agrees with Intl minute by minute around %s', (_, at) => {
    const center = Date.parse(at);
    for (let ms = center - 3 * 3_600_000; ms <= center + 3 * 3_600_000; ms += 60_000 + 997) {
      const d = new Date(ms);
      expect({ date: berlinToday(d), time: berlinTimeOf(d) }).toEqual(expected(d));
    }
  });

  it('refuses an invalid date', () => {
    expect(() => berlinToday(new Date(NaN))).toThrow(RangeError);
  });
});
