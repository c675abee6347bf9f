import fc from 'fast-check';
import { formatCreditorReference, makeCreditorReference, readCreditorReference } from '../../domain/creditorReference';

describe('ISO 11649 creditor references', () => {
  it('accepts the standard’s example and refuses it with a changed digit', () => {
    expect(readCreditorReference('RF18 5390 0754 7034')).toBe('539007547034');
    expect(readCreditorReference('RF18 5390 0754 7035')).toBeNull();
    expect(readCreditorReference('RF19 5390 0754 7034')).toBeNull();
  });

  it('makes a reference for an invoice number that reads back to it', () => {
    const ref = makeCreditorReference('RE-2026-0004');
    expect(ref).toMatch(/^RF\d\dRE20260004$/);
    expect(readCreditorReference(ref!)).toBe('RE20260004');
    expect(readCreditorReference(formatCreditorReference(ref!).toLowerCase())).toBe('RE20260004');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('refuses what cannot be a reference', () => {
    expect(makeCreditorReference('')).toBeNull();
    expect(makeCreditorReference('Ä-1')).toBeNull();
    expect(makeCreditorReference('A'.repeat(22))).toBeNull();
    for (const bad of ['RF', 'RF18', 'XX18539007547034', 'RFAB539007547034', 'RF18$39007547034']) expect(readCreditorReference(bad)).toBeNull();
  });

  it('property: every made reference checks, and any single changed digit is caught (MOD 97-10)', () => {
    const body = fc.stringMatching(/^[0-9A-Z]{1,21}$/);
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom(...'0123456789'), (b, at, ch) => {
        const ref = makeCreditorReference(b)!;
        if (readCreditorReference(ref) !== b) return false;
        const i = 2 + (at % (ref.length - 2));
        if (ref[i] === ch || !/\d/.test(ref[i])) return true;
        return readCreditorReference(ref.slice(0, i) + ch + ref.slice(i + 1)) === null;
      }),
    );
  });
});
