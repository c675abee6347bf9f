import { formatDeliveryNoteNumber, formatYearlyNumber, parseDocumentNumber } from '../../domain/documentNumbers';

describe('document numbers', () => {
  it('formats each range', () => {
    expect(formatYearlyNumber('invoice', 2026, 4)).toBe('RE-2026-0004');
    expect(formatYearlyNumber('quote', 2026, 12345)).toBe('AN-2026-12345');
    expect(formatDeliveryNoteNumber(1001)).toBe('LS-1001');
  });

  it.each([
    ['RE-2026-0004', 'invoice', 'RE-2026-0004'],
    ['re 2026 0004', 'invoice', 'RE-2026-0004'],
    ['RE2026/4', 'invoice', 'RE-2026-0004'],
    ['RE20260004', 'invoice', 'RE-2026-0004'],
    ['AN-2026-0001', 'quote', 'AN-2026-0001'],
    ['ST-2026-0002', 'cancellation', 'ST-2026-0002'],
    ['MA-2026-0003', 'dunning_notice', 'MA-2026-0003'],
    ['LS-1001', 'delivery_note', 'LS-1001'],
    ['ls 1001', 'delivery_note', 'LS-1001'],
    ['1003', 'order', '1003'],
    ['#1003', 'order', '1003'],
  ])('reads %s as %s', (text, kind, number) => {
    expect(parseDocumentNumber(text)).toMatchObject({ kind, number });
  });

  it.each(['', 'XX-2026-0001', 'RE-26-1', 'LS-2026-0001', 'RE-2026-0000', 'Rechnung', '12a'])('refuses %p', (text) => {
    expect(parseDocumentNumber(text)).toBeNull();
  });
});
