import {
  cancelInvoice,
  checkInvoice,
  computeDocument,
  lineGrossCents,
  omissibleFields,
  shareDiscount,
  showsGrossPrices,
  unitGrossCents,
  type PricedDocument,
} from '../../domain/invoice';
import { invoiceFieldNames } from '../../domain/invoiceFieldNames';
import { bezirksamt, coffee, compute, invoiceInput, mueller, paper, schmidt, seller, toner, wienerBuero } from './fixtures';

describe('invoice computation', () => {
  test('19 % and 7 % on one invoice: VAT once per rate on the rate net, totals exact in cents', () => {
    const inv = compute();
    expect(inv.lines.map((l) => l.netCents)).toEqual([4990, 17980, 4797]);
    expect(inv.totals.byRate).toEqual([
      { rate: 19, category: 'S', linesNetCents: 22970, discountCents: 0, netCents: 22970, vatCents: 4364, grossCents: 27334 },
      { rate: 7, category: 'S', linesNetCents: 4797, discountCents: 0, netCents: 4797, vatCents: 336, grossCents: 5133 },
    ]);
    expect(inv.totals).toMatchObject({ linesNetCents: 27767, discountCents: 0, netCents: 27767, vatCents: 4700, grossCents: 32467 });
    expect(inv.taxTreatment).toBe('standard');
    expect(inv.notes).toEqual([]);
  });

  test('due date from the payment terms: net 14 and net 30 days after the issue date', () => {
    expect(compute({ paymentTermsDays: 14 }).dueDate).toBe('2026-12-15');
    expect(compute({ paymentTermsDays: 30 }).dueDate).toBe('2026-12-31');
    expect(compute({ kind: 'quote', validUntil: '2026-12-31' })).toMatchObject({ dueDate: null, validUntil: '2026-12-31' });
  });

  test('a percentage line discount is rounded once per line and lowers that line’s net', () => {
    const inv = compute({ lines: [paper, { ...toner, discount: { kind: 'percent', basisPoints: 1000 } }, coffee] });
    expect(inv.lines[1]).toMatchObject({ amountCents: 17980, discountCents: 1798, netCents: 16182 });
    // 19 %: 4990 + 16182 = 21172, VAT 4022.68 -> 4023
    expect(inv.totals.byRate[0]).toMatchObject({ netCents: 21172, vatCents: 4023 });
  });

  test('a fixed line discount in cents', () => {
    const inv = compute({ lines: [{ ...paper, discount: { kind: 'amount', cents: 490 } }] });
    expect(inv.lines[0]).toMatchObject({ amountCents: 4990, discountCents: 490, netCents: 4500 });
    expect(inv.totals).toMatchObject({ netCents: 4500, vatCents: 855, grossCents: 5355 });
  });

  test('a percentage document discount is applied per VAT rate and rounded per rate', () => {
    const inv = compute({ documentDiscount: { kind: 'percent', basisPoints: 500 } });
    // 5 % of 229.70 = 11.485 -> 11.49; 5 % of 47.97 = 2.3985 -> 2.40
    expect(inv.totals.byRate.map((r) => [r.rate, r.discountCents, r.netCents, r.vatCents])).toEqual([
      [19, 1149, 21821, 4146], // 218.21 × 19 % = 41.4599
      [7, 240, 4557, 319], // 45.57 × 7 % = 3.1899
    ]);
    expect(inv.totals).toMatchObject({ linesNetCents: 27767, discountCents: 1389, netCents: 26378, vatCents: 4465, grossCents: 30843 });
  });

  test('a fixed document discount is shared in proportion to the rates by largest remainder and sums exactly', () => {
    const inv = compute({ documentDiscount: { kind: 'amount', cents: 1000 } });
    // 10 € × 229.70/277.67 = 8.2724…, × 47.97/277.67 = 1.7275…: floors 827 + 172, the spare cent to the larger remainder.
    expect(inv.totals.byRate.map((r) => r.discountCents)).toEqual([827, 173]);
    expect(inv.totals.discountCents).toBe(1000);
    expect(inv.totals.byRate.map((r) => r.vatCents)).toEqual([4207, 324]); // 221.43 × 19 % = 42.0717; 46.24 × 7 % = 3.2368
    expect(shareDiscount({ kind: 'amount', cents: 1 }, [100, 100])).toEqual([1, 0]); // equal remainders: higher rate first
    expect(shareDiscount({ kind: 'amount', cents: 3 }, [1, 1, 1])).toEqual([1, 1, 1]);
  });

  test('the rounding rule: half a cent rounds up, fractional quantities round per line, VAT per rate (not per line)', () => {
    const hours = compute({ lines: [{ ...toner, name: 'IT-Beratung', quantity: 1.5, unitPriceCents: 1999, unit: { name: 'Stunde', code: 'HUR' } }] });
    expect(hours.lines[0].netCents).toBe(2999); // 29.985 -> 29.99
    const half = compute({ lines: [{ ...coffee, quantity: 1, unitPriceCents: 50 }] });
    expect(half.totals.vatCents).toBe(4); // 0.50 × 7 % = 0.035 -> 0.04
    // Two lines of 0.13 €: per line 2.47 ct -> 2 + 2 = 4 ct, per rate 0.26 € × 19 % = 4.94 ct -> 5 ct.
    const tiny = compute({ lines: [{ ...paper, quantity: 1, unitPriceCents: 13 }, { ...toner, quantity: 1, unitPriceCents: 13 }] });
    expect(tiny.totals.vatCents).toBe(5);
  });

  test('B2C documents show gross prices (informative per line; totals stay per rate)', () => {
    const inv = compute({ buyer: schmidt });
    expect(showsGrossPrices(inv)).toBe(true);
    expect(showsGrossPrices(compute())).toBe(false);
    expect(unitGrossCents(inv.lines[0])).toBe(594); // 4.99 × 1.19 = 5.9381
    expect(lineGrossCents(inv.lines[0])).toBe(5938); // 49.90 × 1.19 = 59.381
    expect(lineGrossCents(inv.lines[2])).toBe(5133); // 47.97 × 1.07 = 51.3279
    expect(inv.totals.grossCents).toBe(32467);
  });

  test('§19 UStG small business: no VAT on any line, category E and the note', () => {
    const inv = compute({ seller: { ...seller, smallBusiness: true, vatId: null } });
    expect(inv.taxTreatment).toBe('small_business');
    expect(inv.lines.every((l) => l.vatRate === 0 && l.category === 'E')).toBe(true);
    expect(inv.totals).toMatchObject({ netCents: 27767, vatCents: 0, grossCents: 27767 });
    expect(inv.totals.byRate).toHaveLength(1);
    expect(inv.notes).toEqual(['small_business']);
    expect(checkInvoice(inv)).toEqual({ ok: true }); // tax number alone identifies the seller
  });

  test('reverse charge: EU business buyer with a VAT id in another member state pays 0 % here', () => {
    const inv = compute({ buyer: wienerBuero });
    expect(inv.taxTreatment).toBe('reverse_charge');
    expect(inv.totals.byRate).toEqual([
      { rate: 0, category: 'AE', linesNetCents: 27767, discountCents: 0, netCents: 27767, vatCents: 0, grossCents: 27767 },
    ]);
    expect(inv.notes).toEqual(['reverse_charge']);
    // Without a VAT id, or as a consumer, or at home: German VAT.
    expect(compute({ buyer: { ...wienerBuero, vatId: null } }).taxTreatment).toBe('standard');
    expect(compute({ buyer: { ...wienerBuero, kind: 'b2c' } }).taxTreatment).toBe('standard');
    expect(compute({ buyer: mueller }).taxTreatment).toBe('standard');
    expect(compute({ buyer: { ...wienerBuero, address: { ...wienerBuero.address, country: 'CH' } } }).taxTreatment).toBe('standard');
    // §14a: the seller's VAT id is required; a tax number is not enough.
    expect(checkInvoice(compute({ buyer: wienerBuero, seller: { ...seller, vatId: null } }))).toEqual({ ok: false, missing: ['seller_vat_id'] });
  });

  test('reverse charge is never a small-amount invoice', () => {
    const inv = compute({ buyer: wienerBuero, lines: [coffee] });
    expect(inv.smallAmount).toBe(false);
  });

  test('§33 UStDV: up to 250 € gross the buyer, number, tax id and delivery date may be left out', () => {
    const small = compute({ lines: [{ ...paper, quantity: 1, unitPriceCents: 21008 }] }); // 210.08 + 39.92 = 250.00
    expect(small.totals.grossCents).toBe(25000);
    expect(small.smallAmount).toBe(true);
    expect(small.notes).toEqual(['small_amount']);
    expect(omissibleFields(small)).toEqual(['buyer_name', 'buyer_address', 'invoice_number', 'seller_tax_id', 'service_date']);
    const bare: PricedDocument = {
      ...small,
      number: '',
      service: null,
      buyer: { ...small.buyer, name: '', address: { name: '', street: '', postcode: '', city: '', country: '' } },
      seller: { ...seller, vatId: null, taxNumber: null },
    };
    expect(checkInvoice(bare)).toEqual({ ok: true });
    // Still required: the seller, the goods and their quantity.
    expect(checkInvoice({ ...bare, seller: { ...bare.seller, name: ' ' } })).toEqual({ ok: false, missing: ['seller_name'] });

    const over = compute({ lines: [{ ...paper, quantity: 1, unitPriceCents: 21009 }] }); // 250.01
    expect(over.smallAmount).toBe(false);
    expect(checkInvoice({ ...over, number: '', service: null, seller: { ...seller, vatId: null, taxNumber: null } })).toEqual({
      ok: false,
      missing: ['seller_tax_id', 'invoice_number', 'service_date'],
    });
  });

  test('checkInvoice names every missing §14 (4) field', () => {
    expect(checkInvoice(compute())).toEqual({ ok: true });
    const inv = compute();
    const broken: PricedDocument = {
      ...inv,
      seller: { ...seller, name: '', address: { ...seller.address, city: '' }, vatId: null, taxNumber: '' },
      buyer: { ...mueller, name: '', address: { ...mueller.address, street: '' } },
      number: ' ',
      issueDate: '2026-13-01',
      service: null,
      lines: [{ ...inv.lines[0], name: '' }, { ...inv.lines[1], unit: { name: '', code: 'H87' } }],
    };
    expect(checkInvoice(broken)).toEqual({
      ok: false,
      missing: ['seller_name', 'seller_address', 'seller_tax_id', 'buyer_name', 'buyer_address', 'invoice_number', 'issue_date', 'service_date', 'line_description', 'line_quantity'],
    });
  });

  test('every missing field has a German and an English name', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const name of Object.values(invoiceFieldNames[locale])) expect(name.trim()).not.toBe('');
    }
    expect(Object.keys(invoiceFieldNames.de).sort()).toEqual(Object.keys(invoiceFieldNames.en).sort());
    expect(invoiceFieldNames.de.buyer_reference).toBe('Leitweg-ID des öffentlichen Auftraggebers');
  });

  test('a public buyer needs its Leitweg-ID', () => {
    expect(checkInvoice(compute({ buyer: bezirksamt }))).toEqual({ ok: true });
    expect(checkInvoice(compute({ buyer: { ...bezirksamt, buyerReference: null } }))).toEqual({ ok: false, missing: ['buyer_reference'] });
  });

  test('input problems come back as a list, not an exception', () => {
    const result = computeDocument(invoiceInput({
      lines: [{ ...paper, quantity: 0 }, { ...toner, unitPriceCents: 12.5 }, { ...coffee, discount: { kind: 'amount', cents: 5000 } }],
      issueDate: '01.12.2026',
      paymentTermsDays: 14.5,
    }));
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'bad_quantity', position: 1 },
        { code: 'bad_unit_price', position: 2 },
        { code: 'bad_discount', position: 3 },
        { code: 'bad_date', field: 'issueDate' },
        { code: 'bad_payment_terms' },
      ],
    });
    expect(computeDocument(invoiceInput({ lines: [] }))).toEqual({ ok: false, problems: [{ code: 'no_lines' }] });
    expect(computeDocument(invoiceInput({ documentDiscount: { kind: 'amount', cents: 27768 } }))).toEqual({ ok: false, problems: [{ code: 'bad_document_discount' }] });
    expect(computeDocument(invoiceInput({ documentDiscount: { kind: 'percent', basisPoints: 10001 } }))).toEqual({ ok: false, problems: [{ code: 'bad_document_discount' }] });
    expect(computeDocument(invoiceInput({ service: { kind: 'period', from: '2026-11-30', to: '2026-11-01' } }))).toEqual({ ok: false, problems: [{ code: 'bad_date', field: 'service' }] });
  });
});

describe('cancellation invoice', () => {
  const original = compute({
    lines: [paper, { ...toner, discount: { kind: 'percent', basisPoints: 1250 } }, { ...coffee, quantity: 1.5 }],
    documentDiscount: { kind: 'amount', cents: 777 },
  });

  test('own number, refers to the original, every amount negated so both add up to zero to the cent', () => {
    const result = cancelInvoice(original, { number: 'ST-2026-0001', issueDate: '2026-12-03' });
    if (!result.ok) throw new Error(result.reason);
    const st = result.cancellation;
    expect(st).toMatchObject({ kind: 'cancellation', number: 'ST-2026-0001', issueDate: '2026-12-03', dueDate: null });
    expect(st.cancels).toEqual({ number: original.number, issueDate: original.issueDate });
    const amounts = (d: PricedDocument) => [
      d.totals.linesNetCents, d.totals.discountCents, d.totals.netCents, d.totals.vatCents, d.totals.grossCents,
      ...d.totals.byRate.flatMap((r) => [r.linesNetCents, r.discountCents, r.netCents, r.vatCents, r.grossCents]),
      ...d.lines.flatMap((l) => [l.amountCents, l.discountCents, l.netCents, l.quantity]),
    ];
    const a = amounts(original);
    const b = amounts(st);
    expect(a.some((n) => n !== 0)).toBe(true);
    expect(b).toEqual(a.map((n) => (n === 0 ? 0 : -n)));
    expect(st.lines.map((l) => l.unitPriceCents)).toEqual(original.lines.map((l) => l.unitPriceCents)); // prices stay positive
    expect(st.totals.grossCents).toBe(-original.totals.grossCents);
    expect(checkInvoice(st)).toEqual({ ok: true });
  });

  test('only an invoice can be cancelled, and not before it was issued', () => {
    const st = cancelInvoice(original, { number: 'ST-2026-0001', issueDate: '2026-12-03' });
    if (!st.ok) throw new Error(st.reason);
    expect(cancelInvoice(st.cancellation, { number: 'ST-2026-0002', issueDate: '2026-12-04' })).toEqual({ ok: false, reason: 'not_an_invoice' });
    expect(cancelInvoice(original, { number: 'ST-2026-0002', issueDate: '2026-11-30' })).toEqual({ ok: false, reason: 'before_original' });
    expect(cancelInvoice(compute({ kind: 'quote' }), { number: 'ST-2026-0002', issueDate: '2026-12-04' })).toEqual({ ok: false, reason: 'not_an_invoice' });
  });
});
