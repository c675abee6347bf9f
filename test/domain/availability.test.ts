import { availableStock, checkStock, splitPartial } from '../../domain/availability';

describe('checkStock', () => {
  it('is ok when the free stock covers the request, also exactly', () => {
    expect(checkStock({ onHand: 25, reserved: 5, requested: 20, restockDate: null })).toEqual({ ok: true });
    expect(checkStock({ onHand: 25, reserved: 5, requested: 19, restockDate: null })).toEqual({ ok: true });
  });

  it('reports what is available, the shortfall and the restock date', () => {
    expect(checkStock({ onHand: 8, reserved: 3, requested: 10, restockDate: '2026-12-15' })).toEqual({
      ok: false,
      available: 5,
      shortBy: 5,
      restockDate: '2026-12-15',
    });
  });

  it('never reports negative availability when more is reserved than on hand', () => {
    expect(checkStock({ onHand: 2, reserved: 5, requested: 1, restockDate: null })).toEqual({
      ok: false,
      available: 0,
      shortBy: 1,
      restockDate: null,
    });
    expect(availableStock(2, 5)).toBe(0);
  });

  it('handles an item out of stock without restock date', () => {
    expect(checkStock({ onHand: 0, reserved: 0, requested: 3, restockDate: null })).toMatchObject({ ok: false, available: 0, shortBy: 3 });
  });
});

describe('splitPartial', () => {
  it('ships what is there and leaves the rest for later', () => {
    expect(splitPartial(10, 4)).toEqual({ now: 4, later: 6 });
    expect(splitPartial(10, 0)).toEqual({ now: 0, later: 10 });
    expect(splitPartial(3, 8)).toEqual({ now: 3, later: 0 });
  });
});
