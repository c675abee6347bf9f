import { parseQuietHours, quietUntil } from '../../domain/quietHours';

describe('quiet hours', () => {
  const night = { start: '20:00', end: '08:00' };

  it('reads the configuration and refuses what it cannot read', () => {
    expect(parseQuietHours('20:00-08:00')).toEqual(night);
    expect(parseQuietHours(' 12:30 - 13:30 ')).toEqual({ start: '12:30', end: '13:30' });
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours('08:00-08:00')).toBeNull();
    expect(parseQuietHours('8-20')).toBeUndefined();
    expect(parseQuietHours('25:00-08:00')).toBeUndefined();
  });

  it('holds messages over midnight until 08:00 on the Berlin clock, in winter and in summer', () => {
    expect(quietUntil(new Date('2026-03-02T18:59:00Z'), night)).toBeNull(); // 19:59 in Berlin
    expect(quietUntil(new Date('2026-03-02T19:00:00Z'), night)).toEqual(new Date('2026-03-03T07:00:00Z')); // 20:00
    expect(quietUntil(new Date('2026-03-03T05:30:00Z'), night)).toEqual(new Date('2026-03-03T07:00:00Z')); // 06:30
    expect(quietUntil(new Date('2026-03-03T07:00:00Z'), night)).toBeNull(); // 08:00
    expect(quietUntil(new Date('2026-07-01T21:00:00Z'), night)).toEqual(new Date('2026-07-02T06:00:00Z')); // 23:00 CEST
    // The night the clocks go forward: 22:00 on Saturday 28 March to 08:00 CEST on Sunday.
    expect(quietUntil(new Date('2026-03-28T21:00:00Z'), night)).toEqual(new Date('2026-03-29T06:00:00Z'));
  });

  it('knows a window within one day, and none at all', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(quietUntil(new Date('2026-03-02T11:30:00Z'), lunch)).toEqual(new Date('2026-03-02T12:00:00Z'));
    expect(quietUntil(new Date('2026-03-02T12:30:00Z'), lunch)).toBeNull();
    expect(quietUntil(new Date('2026-03-02T22:00:00Z'), null)).toBeNull();
  });
});
