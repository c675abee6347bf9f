import { epcPayload, epcQrMatrix } from '../../formats/epcQr';

describe('EPC QR code (GiroCode)', () => {
  test('payload follows EPC069-12 version 002 line by line', () => {
    const result = epcPayload({ beneficiary: 'Bürowerk GmbH', iban: 'DE02 1203 0000 0000 2020 51', bic: 'BYLADEM1001', amountCents: 32467, remittance: 'RE-2026-0004' });
    expect(result).toEqual({
      ok: true,
      payload: ['BCD', '002', '1', 'SCT', 'BYLADEM1001', 'Bürowerk GmbH', 'DE02120300000000202051', 'EUR324.67', '', '', 'RE-2026-0004'].join('\n'),
    });
  });

  test('amounts keep two decimals; name and remittance are cut to 70 and 140 characters; BIC may be empty', () => {
    const result = epcPayload({ beneficiary: 'x'.repeat(80), iban: 'DE02120300000000202051', bic: null, amountCents: 5, remittance: 'y'.repeat(200) });
    if (!result.ok) throw new Error(result.reason);
    const lines = result.payload.split('\n');
    expect(lines[4]).toBe('');
    expect(lines[5]).toHaveLength(70);
    expect(lines[7]).toBe('EUR0.05');
    expect(lines[10]).toHaveLength(140);
  });

  test('refuses what a bank app could not pay', () => {
    const base = { beneficiary: 'Bürowerk GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001', amountCents: 100, remittance: 'RE-2026-0004' };
    expect(epcPayload({ ...base, amountCents: 0 })).toEqual({ ok: false, reason: 'bad_amount' });
    expect(epcPayload({ ...base, amountCents: -100 })).toEqual({ ok: false, reason: 'bad_amount' });
    expect(epcPayload({ ...base, amountCents: 100_000_000_000 })).toEqual({ ok: false, reason: 'bad_amount' });
    expect(epcPayload({ ...base, iban: 'not an iban' })).toEqual({ ok: false, reason: 'bad_iban' });
    expect(epcPayload({ ...base, beneficiary: '  ' })).toEqual({ ok: false, reason: 'no_beneficiary' });
  });

  test('the symbol stays within version 13 at level M', () => {
    const result = epcPayload({ beneficiary: 'x'.repeat(70), iban: 'DE02120300000000202051', bic: 'BYLADEM1001', amountCents: 99_999_999_999, remittance: 'y'.repeat(140) });
    if (!result.ok) throw new Error(result.reason);
    const matrix = epcQrMatrix(result.payload);
    expect(matrix.size).toBeLessThanOrEqual(17 + 4 * 13);
  });
});
