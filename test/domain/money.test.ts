import { assertCents, formatMoney, roundHalfUp } from '../../domain/money';

describe('formatMoney', () => {
  it('formats German amounts with thousands dot, decimal comma and trailing euro sign', () => {
    expect(formatMoney(123456, 'de')).toBe('1.234,56 €');
    expect(formatMoney(5, 'de')).toBe('0,05 €');
    expect(formatMoney(0, 'de')).toBe('0,00 €');
  });

  it('formats English amounts with a leading euro sign', () => {
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(formatMoney(100000000, 'en')).toBe('€1,000,000.00');
  });

  it('formats negative amounts (credit notes)', () => {
    expect(formatMoney(-1990, 'de')).toBe('-19,90 €');
    expect(formatMoney(-1990, 'en')).toBe('-€19.90');
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatMoney(12.5, 'de')).toThrow(RangeError);
  });
});

describe('assertCents', () => {
  it('accepts safe integers including zero and negatives', () => {
    expect(() => assertCents(0)).not.toThrow();
    expect(() => assertCents(-100)).not.toThrow();
    expect(() => assertCents(Number.MAX_SAFE_INTEGER)).not.toThrow();
  });

  it('rejects floats, NaN, Infinity and unsafe integers with the name of the amount', () => {
    expect(() => assertCents(1.5, 'unit price')).toThrow(/unit price/);
    expect(() => assertCents(NaN)).toThrow(RangeError);
    expect(() => assertCents(Infinity)).toThrow(RangeError);
    expect(() => assertCents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('roundHalfUp', () => {
  it('rounds integer fractions exactly, halves away from zero', () => {
    expect(roundHalfUp(250, 100)).toBe(3);
    expect(roundHalfUp(249, 100)).toBe(2);
    expect(roundHalfUp(-250, 100)).toBe(-3);
    expect(roundHalfUp(-249, 100)).toBe(-2);
    expect(roundHalfUp(250, -100)).toBe(-3);
    expect(roundHalfUp(0, 100)).toBe(0);
    expect(Object.is(roundHalfUp(-1, 100), 0)).toBe(true);
  });

  it('rounds plain numbers and survives float noise', () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(1.005 * 100)).toBe(101);
    expect(roundHalfUp(0.1 + 0.2, 0.1)).toBe(3);
  });

  it('stays exact for large integers where float division would drift', () => {
    expect(roundHalfUp(9007199254740991, 2)).toBe(4503599627370496);
  });

  it('refuses division by zero and non-finite input', () => {
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUp(NaN)).toThrow(RangeError);
  });
});
