import {
  checkQuoteStep, isQuoteStatus, percentToBasisPoints, quoteStatuses, quoteStatusesWhere, quoteStatusIs, quoteStatusLabel, quoteTransitions,
  quoteValidUntil, validityPassed,
} from '../../domain/quotes';
import { matchQuoteCommand } from '../../dialogs/quoteCommands';

describe('quote states', () => {
  test('one table: every status list is derived from it', () => {
    expect(quoteStatuses).toEqual(['draft', 'sent', 'accepted', 'rejected', 'expired']);
    expect(quoteStatusesWhere('open')).toEqual(['draft', 'sent']);
    expect(quoteStatusesWhere('expirable')).toEqual(['draft', 'sent']);
    expect(quoteStatusesWhere('awaitingCustomer')).toEqual(['sent']);
    expect(quoteStatusesWhere('final')).toEqual(['accepted', 'rejected', 'expired']);
    for (const s of quoteStatusesWhere('final')) expect(quoteTransitions(s)).toEqual([]);
    expect(quoteTransitions('draft')).toEqual(['sent', 'expired']);
    expect(quoteTransitions('sent')).toEqual(['accepted', 'rejected', 'expired']);
    expect(quoteStatusIs('sent', 'open')).toBe(true);
    expect(isQuoteStatus('sent')).toBe(true);
    expect(isQuoteStatus('paid')).toBe(false);
    expect(quoteStatusLabel('accepted', 'de')).toBe('Angenommen');
    expect(quoteStatusLabel('expired', 'en')).toBe('Expired');
  });

  test('steps: decided quotes say how they were decided; validity holds through its last day', () => {
    const until = '2026-03-16';
    expect(checkQuoteStep('sent', 'accepted', until, '2026-03-16')).toEqual({ ok: true });
    expect(checkQuoteStep('sent', 'accepted', until, '2026-03-17')).toEqual({ ok: false, code: 'expired' });
    expect(checkQuoteStep('sent', 'rejected', until, '2026-03-17')).toEqual({ ok: false, code: 'expired' });
    expect(checkQuoteStep('sent', 'expired', until, '2026-03-17')).toEqual({ ok: true });
    expect(checkQuoteStep('draft', 'accepted', until, '2026-03-02')).toEqual({ ok: false, code: 'not_sent' });
    expect(checkQuoteStep('draft', 'sent', until, '2026-03-02')).toEqual({ ok: true });
    expect(checkQuoteStep('sent', 'sent', until, '2026-03-02')).toEqual({ ok: false, code: 'already_sent' });
    expect(checkQuoteStep('accepted', 'accepted', until, '2026-03-02')).toEqual({ ok: false, code: 'already_accepted' });
    expect(checkQuoteStep('accepted', 'rejected', until, '2026-03-02')).toEqual({ ok: false, code: 'already_accepted' });
    expect(checkQuoteStep('rejected', 'accepted', until, '2026-03-02')).toEqual({ ok: false, code: 'already_rejected' });
    expect(checkQuoteStep('expired', 'accepted', until, '2026-03-02')).toEqual({ ok: false, code: 'expired' });
    expect(quoteValidUntil('2026-03-02', 14)).toBe('2026-03-16');
    expect(quoteValidUntil('2026-12-20')).toBe('2027-01-03');
    expect(validityPassed('2026-03-16', '2026-03-16')).toBe(false);
    expect(validityPassed('2026-03-16', '2026-03-17')).toBe(true);
  });

  test('percentages as basis points', () => {
    expect(percentToBasisPoints('10')).toBe(1000);
    expect(percentToBasisPoints('10 %')).toBe(1000);
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('2,25%')).toBe(225);
    expect(percentToBasisPoints('100')).toBe(10_000);
    expect(percentToBasisPoints('101')).toBeNull();
    expect(percentToBasisPoints('zehn')).toBeNull();
  });
});

describe('quote phrases', () => {
  test.each([
    ['Angebot für Café Sonnenschein: 2 Stühle, 1 Schreibtisch, 10 % Rabatt, gültig 14 Tage', { kind: 'create', items: 'Café Sonnenschein: 2 Stühle, 1 Schreibtisch', documentDiscountBasisPoints: 1000, validDays: 14 }],
    ['quote for Café Sonnenschein: 2 chairs, 1 desk, 12.5% discount, valid 30 days', { kind: 'create', items: 'Café Sonnenschein: 2 chairs, 1 desk', documentDiscountBasisPoints: 1250, validDays: 30 }],
    ['Angebot für 3 Stühle', { kind: 'create', items: '3 Stühle', documentDiscountBasisPoints: null, validDays: null }],
    ['Angebot für Müller Bau: 5 Stühle mit Rabatt von 5 %', { kind: 'create', items: 'Müller Bau: 5 Stühle', documentDiscountBasisPoints: 500, validDays: null }],
    ['Können Sie mir dafür ein Angebot machen?', { kind: 'from_draft' }],
    ['Könnten Sie uns bitte ein Angebot schicken', { kind: 'from_draft' }],
    ['Can you make me a quote for that?', { kind: 'from_draft' }],
    ['meine Angebote', { kind: 'mine' }],
    ['my quotes', { kind: 'mine' }],
    ['offene Angebote', { kind: 'open' }],
    ['open quotes', { kind: 'open' }],
    ['Angebot AN-2026-0001', { kind: 'show', number: 'AN-2026-0001' }],
    ['quote an 2026 7', { kind: 'show', number: 'AN-2026-0007' }],
    ['Angebot AN-2026-0001 senden', { kind: 'send', number: 'AN-2026-0001' }],
    ['send quote AN-2026-0001', { kind: 'send', number: 'AN-2026-0001' }],
    ['Angebot AN-2026-0001 annehmen', { kind: 'accept', number: 'AN-2026-0001' }],
    ['reject quote AN-2026-0001', { kind: 'reject', number: 'AN-2026-0001' }],
  ])('%s', (text, expected) => {
    expect(matchQuoteCommand(text)).toEqual(expected);
  });

  test('a discount of 100 % or more is refused, not dropped', () => {
    expect(matchQuoteCommand('Angebot für Müller Bau: 2 Stühle, 150 % Rabatt')).toEqual({ kind: 'create', items: 'Müller Bau: 2 Stühle', documentDiscountBasisPoints: null, validDays: null, badDiscount: true });
  });

  test.each(['Rechnung RE-2026-0004 stornieren', '10 Pakete Papier', 'offene Aufträge', 'Angebot', 'Bestellung für Müller Bau: 5 Stühle'])('not a quote phrase: %s', (text) => {
    expect(matchQuoteCommand(text)).toBeNull();
  });
});
