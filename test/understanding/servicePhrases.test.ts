import { readServicePhrase } from '../../dialogs/understanding/servicePhrases';

const now = new Date('2026-12-01T09:00:00Z'); // Tuesday 1 Dec 2026, Berlin

describe('readServicePhrase', () => {
  it.each([
    ['meine Termine heute', { kind: 'dayPlan', scope: 'mine', date: '2026-12-01' }],
    ['Meine Termine morgen?', { kind: 'dayPlan', scope: 'mine', date: '2026-12-02' }],
    ['my appointments tomorrow', { kind: 'dayPlan', scope: 'mine', date: '2026-12-02' }],
    ['Einsatzplan morgen', { kind: 'dayPlan', scope: 'all', date: '2026-12-02' }],
    ['Einsatzplan am 3.12.', { kind: 'dayPlan', scope: 'all', date: '2026-12-03' }],
    ['day plan tomorrow', { kind: 'dayPlan', scope: 'all', date: '2026-12-02' }],
    ['Tom ist am 3.12. krank', { kind: 'absence', name: 'tom', from: '2026-12-03', to: '2026-12-03', reason: 'sick' }],
    ['Lena hat vom 22.12. bis 2.1. Urlaub', { kind: 'absence', name: 'lena', from: '2026-12-22', to: '2027-01-02', reason: 'vacation' }],
    ['Tom is sick tomorrow', { kind: 'absence', name: 'tom', from: '2026-12-02', to: '2026-12-02', reason: 'sick' }],
    ['Lena is on leave from 22.12. to 2.1.', { kind: 'absence', name: 'lena', from: '2026-12-22', to: '2027-01-02', reason: 'vacation' }],
    ['1004 erledigt: Drucker gereinigt, 90 Minuten', { kind: 'visitDone', order: '1004', report: 'Drucker gereinigt', minutes: 90 }],
    ['order 1004 done: toner replaced, 2 hours', { kind: 'visitDone', order: '1004', report: 'toner replaced', minutes: 120 }],
    ['1004 erledigt', { kind: 'visitDone', order: '1004', report: '', minutes: null }],
  ])('%s', (text, expected) => {
    expect(readServicePhrase(text, now)).toEqual(expected);
  });

  it.each(['10 Pakete Papier bis Freitag', 'Termin von Auftrag 1002 auf Donnerstag verschieben', 'offene Aufträge', '1001 versendet', 'Wo bleibt meine Bestellung?', 'hilfe'])('leaves %s alone', (text) => {
    expect(readServicePhrase(text, now)).toBeNull();
  });
});
