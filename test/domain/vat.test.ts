import { computeTotals, lineNetCents, vatOf } from '../../domain/vat';

describe('lineNetCents', () => {
  it('multiplies unit price by quantity in cents', () => {
    expect(lineNetCents(490, 3)).toBe(1470);
    expect(lineNetCents(1890, 1)).toBe(1890);
    expect(lineNetCents(0, 5)).toBe(0);
  });

  it('rounds fractional quantities half-up to the cent', () => {
    expect(lineNetCents(12000, 1.5)).toBe(18000);
    expect(lineNetCents(333, 0.5)).toBe(167);
  });

  it('refuses a price that is not whole cents', () => {
    expect(() => lineNetCents(4.9, 3)).toThrow(RangeError);
    expect(() => lineNetCents(490, NaN)).toThrow(RangeError);
  });
});

describe('vatOf', () => {
  it('rounds half-up to the cent', () => {
    expect(vatOf(1470, 19)).toBe(279); // 279.3
    expect(vatOf(1890, 7)).toBe(132); // 132.3
    expect(vatOf(50, 7)).toBe(4); // 3.5 -> 4
    expect(vatOf(-50, 7)).toBe(-4);
    expect(vatOf(1000, 0)).toBe(0);
  });
});

describe('computeTotals', () => {
  it('computes mixed 7 % / 19 % per rate: 3 × 4.90 € (19 %) + 1 × 18.90 € (7 %)', () => {
    const totals = computeTotals([
      { netCents: lineNetCents(490, 3), vatRate: 19 },
      { netCents: lineNetCents(1890, 1), vatRate: 7 },
    ]);
    expect(totals).toEqual({
      netCents: 3360,
      vatCents: 279 + 132,
      grossCents: 3360 + 411,
      byRate: [
        { rate: 19, netCents: 1470, vatCents: 279 },
        { rate: 7, netCents: 1890, vatCents: 132 },
      ],
    });
  });

  it('computes VAT on the summed net of a rate, not per line', () => {
    // 7 % of 5 cents is 0.35 (0 per line), but 7 % of the summed 15 cents is 1.05 -> 1 cent.
    const totals = computeTotals([
      { netCents: 5, vatRate: 7 },
      { netCents: 5, vatRate: 7 },
      { netCents: 5, vatRate: 7 },
    ]);
    expect(totals.byRate).toEqual([{ rate: 7, netCents: 15, vatCents: 1 }]);
    expect(totals.grossCents).toBe(16);
  });

  it('shows no drift where floats would (0.1 + 0.2 style amounts)', () => {
    const totals = computeTotals([
      { netCents: 10, vatRate: 19 },
      { netCents: 20, vatRate: 19 },
    ]);
    expect(totals.vatCents).toBe(6); // 5.7
    expect(totals.grossCents).toBe(36);
  });

  it('lists rates highest first, including 0 %', () => {
    const totals = computeTotals([
      { netCents: 100, vatRate: 0 },
      { netCents: 100, vatRate: 7 },
      { netCents: 100, vatRate: 19 },
    ]);
    expect(totals.byRate.map((r) => r.rate)).toEqual([19, 7, 0]);
    expect(totals.vatCents).toBe(19 + 7);
  });

  it('returns zeros for no lines', () => {
    expect(computeTotals([])).toEqual({ netCents: 0, vatCents: 0, grossCents: 0, byRate: [] });
  });

  it('handles a negative line (discount) inside a rate', () => {
    const totals = computeTotals([
      { netCents: 10000, vatRate: 19 },
      { netCents: -1000, vatRate: 19 },
    ]);
    expect(totals.byRate).toEqual([{ rate: 19, netCents: 9000, vatCents: 1710 }]);
  });

  it('refuses net amounts that are not whole cents', () => {
    expect(() => computeTotals([{ netCents: 1.5, vatRate: 19 }])).toThrow(RangeError);
  });
});
