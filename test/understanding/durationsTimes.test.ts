import { findDuration, unitsForDuration } from '../../dialogs/understanding/durations';
import { findTimeOfDay } from '../../dialogs/understanding/timeOfDay';

describe('findDuration', () => {
  it.each([
    ['Ich brauche IT-Beratung für 2 Stunden am Donnerstag', 120],
    ['IT-Beratung zwei Stunden', 120],
    ['mach daraus 3 Std.', 180],
    ['90 Minuten Beratung', 90],
    ['1,5 Stunden', 90],
    ['anderthalb Stunden', 90],
    ['eine halbe Stunde', 30],
    ['einen halben Tag Beratung', 240],
    ['den ganzen Tag', 480],
    ['2 Stunden 30 Minuten', 150],
    ['I need IT consulting for 2 hours on Thursday afternoon', 120],
    ['make that two hours', 120],
    ['half a day of consulting', 240],
    ['an hour and a half', 90],
    ['45 min', 45],
    ['1.5 hours', 90],
    ['a full day', 480],
    ['for 3h please', 180],
  ])('%s → %i minutes', (text, minutes) => {
    expect(findDuration(text)?.minutes).toBe(minutes);
  });

  it.each(['10 Pakete Papier', 'Druckerwartung am Dienstag um 14 Uhr', '3 Stühle', 'at 2pm', '0 Stunden'])('finds none in %s', (text) => {
    expect(findDuration(text)).toBeNull();
  });

  it('bills hourly services per started unit', () => {
    expect(unitsForDuration(120, 60)).toBe(2);
    expect(unitsForDuration(90, 60)).toBe(2);
    expect(unitsForDuration(30, 60)).toBe(1);
    expect(unitsForDuration(240, 60)).toBe(4);
    expect(() => unitsForDuration(0, 60)).toThrow(RangeError);
  });
});

describe('findTimeOfDay', () => {
  it.each([
    ['Donnerstag 14:00', '14:00', false],
    ['Thursday 14:00', '14:00', false],
    ['um 14 Uhr', '14:00', false],
    ['am Dienstag um 9 Uhr', '09:00', false],
    ['at 2pm', '14:00', false],
    ['at 10 am please', '10:00', false],
    ['at 2:30 pm', '14:30', false],
    ['gegen halb drei', '14:30', true],
    ['halb zehn', '09:30', false],
    ['Viertel nach zwei', '14:15', false],
    ['Viertel vor neun', '08:45', false],
    ['früh morgens', '08:00', true],
    ['early in the morning', '08:00', true],
    ['around 3pm', '15:00', true],
    ['gegen 11 Uhr', '11:00', true],
    ['um zwei', '14:00', false],
    ['at two o\'clock', '14:00', false],
    ['um die Mittagszeit', '12:00', true],
    ['14.30 Uhr', '14:30', false],
  ])('%s → %s', (text, time, approximate) => {
    expect(findTimeOfDay(text)).toMatchObject({ time, approximate });
  });

  it.each(['10 Pakete Papier bis Freitag', 'am 4.12.', 'Auftrag 1001 stornieren', '2 Stunden', 'Lieferung am 14.03.2026', 'um 2 Stunden verschieben'])('finds none in %s', (text) => {
    expect(findTimeOfDay(text)).toBeNull();
  });
});
