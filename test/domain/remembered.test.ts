import { remembered } from '../../domain/remembered';

describe('remembered', () => {
  it('computes a value once per argument and gives it back after', () => {
    const calls: string[] = [];
    const upper = remembered((s: string) => (calls.push(s), s.toUpperCase()), 10);
    expect([upper('a'), upper('b'), upper('a'), upper('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('forgets everything when full and computes again what comes back', () => {
    const calls: number[] = [];
    const double = remembered((n: number) => (calls.push(n), n * 2), 2);
    [1, 2, 3, 1, 3].forEach((n) => double(n));
    // 1 and 2 fill it; 3 clears it and is kept; 1 comes again and fills it up; 3 is still there.
    expect(calls).toEqual([1, 2, 3, 1]);
    expect(double(3)).toBe(6);
  });

  it('remembers nothing of an argument whose computation throws', () => {
    let calls = 0;
    const parse = remembered((s: string) => {
      calls++;
      if (s === 'bad') throw new RangeError('bad input');
      return Number(s);
    }, 10);
    expect(() => parse('bad')).toThrow(RangeError);
    expect(() => parse('bad')).toThrow(RangeError);
    expect(calls).toBe(2);
  });
});
