import { berlinWallClock, findDate } from '../../dialogs/understanding/dates';
import { read, wednesday } from './helpers';

describe('dates in Europe/Berlin', () => {
  const date = (text: string, locale: 'de' | 'en' = 'de', now = wednesday) => findDate(text, locale, now);

  it.each([
    ['bis Freitag', '2026-03-13'],
    ['am 4.12.', '2026-12-04'],
    ['am 2.3.', '2027-03-02'],
    ['am 4.12.2027', '2027-12-04'],
    ['morgen', '2026-03-12'],
    ['übermorgen', '2026-03-13'],
    ['nächsten Dienstag', '2026-03-17'],
    ['am Mittwoch', '2026-03-18'],
    ['Mittwoch nächster Woche', '2026-03-18'],
    ['nächste Woche Donnerstag', '2026-03-19'],
  ])('de: %s → %s', (text, expected) => {
    expect(date(text).date).toBe(expected);
  });

  it.each([
    ['by Friday', '2026-03-13'],
    ['on 4 December', '2026-12-04'],
    ['the day after tomorrow', '2026-03-13'],
    ['Thursday next week', '2026-03-19'],
    ['April 1st', '2026-04-01'],
  ])('en: %s → %s', (text, expected) => {
    expect(date(text, 'en').date).toBe(expected);
  });

  it('gives part of day and time', () => {
    expect(date('nächsten Dienstag vormittag')).toMatchObject({ date: '2026-03-17', partOfDay: 'morning', time: null });
    expect(date('next Tuesday morning', 'en')).toMatchObject({ date: '2026-03-17', partOfDay: 'morning' });
    expect(date('morgen um 15 Uhr')).toMatchObject({ date: '2026-03-12', time: '15:00' });
    expect(date('tomorrow at 3pm', 'en')).toMatchObject({ date: '2026-03-12', time: '15:00' });
    expect(date('Freitag nachmittag').partOfDay).toBe('afternoon');
    expect(read('Guten Morgen').partOfDay).toBeNull();
  });

  it('uses the Berlin day when UTC is still on the day before', () => {
    const lateUtc = new Date('2026-03-11T23:30:00Z'); // 00:30 on Thursday in Berlin
    expect(berlinWallClock(lateUtc)).toMatchObject({ year: 2026, month: 3, day: 12, hour: 0 });
    expect(date('heute', 'de', lateUtc).date).toBe('2026-03-12');
    expect(date('morgen', 'de', lateUtc).date).toBe('2026-03-13');
    const summer = new Date('2026-07-01T22:30:00Z'); // 00:30 CEST on 2 July
    expect(date('tomorrow', 'en', summer).date).toBe('2026-07-03');
    expect(date('am 2.7.', 'de', summer).date).toBe('2026-07-02');
  });

  it('does not take quantities or durations for dates', () => {
    expect(date('Bitte um 3 Pakete Papier').date).toBeNull();
    expect(date('Wir bräuchten Kaffee, so 4 Packungen').date).toBeNull();
    expect(date('Geht der Termin eine Stunde später?').date).toBeNull();
    expect(date('Could it be an hour later?', 'en').date).toBeNull();
  });
});

describe('dates that cannot be taken as they are', () => {
  const december = new Date('2026-12-01T09:00:00Z');
  it('reports a past date with its year as past, not dropped', () => {
    expect(read('Lieferung am 30.11.2026', 'de', december)).toMatchObject({ date: null, dateProblem: { kind: 'past', date: '2026-11-30' } });
    expect(read('15 reams of paper delivered on 3 March 2026', 'en')).toMatchObject({ date: null, dateProblem: { kind: 'past', date: '2026-03-03' } });
  });

  it('reports a day and month that passed lately as this year or next, keeping next year as the reading', () => {
    expect(read('Lieferung am 20.11.', 'de', december)).toMatchObject({
      date: '2027-11-20', dateProblem: { kind: 'ambiguous', thisYear: '2026-11-20', nextYear: '2027-11-20' },
    });
    expect(read('two monitors on 2 March', 'en').dateProblem).toEqual({ kind: 'ambiguous', thisYear: '2026-03-02', nextYear: '2027-03-02' });
  });

  it('takes a date long past this year as next year, and future dates as they are', () => {
    expect(read('am 4.1.', 'de', december)).toMatchObject({ date: '2027-01-04', dateProblem: null });
    expect(read('am 4.12.')).toMatchObject({ date: '2026-12-04', dateProblem: null });
    expect(read('wie gestern besprochen 3 Stühle')).toMatchObject({ dateProblem: null });
  });
});
