import type { CompanyRecord } from '../../domain/company';
import type { Locale, Localized } from '../../domain/locale';
import { formatMoney } from '../../domain/money';
import { formatDocumentDate } from '../documentTexts';
import { renderLayout } from './layout';

/** A dunning notice as issued (data/dunning.ts NoticeDocument), without importing data/. */
export interface DunningNoticeFacts {
  number: string;
  date: string;
  locale: Locale;
  level: number;
  name: Localized;
  invoiceNumber: string;
  invoiceIssueDate: string;
  invoiceDueDate: string;
  openCents: number;
  feeCents: number;
  earlierFeesCents: number;
  flatFeeCents: number;
  interestCents: number;
  interestFrom: string | null;
  interestThrough: string | null;
  totalCents: number;
  newDueDate: string;
  customer: { number: string; name: string; address: { name: string; street: string; postcode: string; city: string; country: string } };
}

const texts = {
  number: { de: 'Mahnungsnr.', en: 'Notice no.' },
  date: { de: 'Datum', en: 'Date' },
  customerNumber: { de: 'Kundennr.', en: 'Customer no.' },
  invoice: { de: 'Rechnung', en: 'Invoice' },
  salutation: { de: 'Sehr geehrte Damen und Herren,', en: 'Dear Sir or Madam,' },
  intro: {
    de: 'sicher ist es Ihrer Aufmerksamkeit entgangen: Die unten genannte Rechnung ist noch nicht (vollständig) bezahlt.',
    en: 'perhaps it escaped your attention: the invoice below has not been paid (in full) yet.',
  },
  item: { de: 'Posten', en: 'Item' },
  amount: { de: 'Betrag', en: 'Amount' },
  openLine: { de: 'Rechnung {invoice} vom {issued}, fällig am {due}, offen', en: 'Invoice {invoice} of {issued}, due on {due}, open' },
  fee: { de: 'Mahngebühr', en: 'Dunning fee' },
  earlierFees: { de: 'Gebühren früherer Mahnungen', en: 'Fees of earlier notices' },
  flatFee: { de: 'Verzugspauschale (§ 288 Abs. 5 BGB)', en: 'Late payment flat fee (§ 288 (5) BGB)' },
  interest: { de: 'Verzugszinsen (§ 288 BGB) {from} – {through}', en: 'Default interest (§ 288 BGB) {from} – {through}' },
  total: { de: 'Zu zahlen', en: 'To pay' },
  pay: { de: 'Bitte überweisen Sie {total} bis zum {due}. Hat sich Ihre Zahlung mit diesem Schreiben überschnitten, betrachten Sie es bitte als gegenstandslos.', en: 'Please transfer {total} by {due}. If your payment crossed with this letter, please disregard it.' },
} satisfies Record<string, Localized>;

const fill = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (w, k: string) => p[k] ?? w);

/** The notice letter (DIN 5008 layout of formats/pdf/layout.ts): what is open, fees, interest, the new deadline. */
export async function renderDunningNoticePdf(n: DunningNoticeFacts, seller: CompanyRecord): Promise<Buffer> {
  const l = n.locale;
  const t = (k: keyof typeof texts, p: Record<string, string> = {}) => fill(texts[k][l], p);
  const date = (d: string) => formatDocumentDate(d, l);
  const money = (c: number) => formatMoney(c, l);
  const rows: [string, number][] = [[t('openLine', { invoice: n.invoiceNumber, issued: date(n.invoiceIssueDate), due: date(n.invoiceDueDate) }), n.openCents]];
  if (n.earlierFeesCents > 0) rows.push([t('earlierFees'), n.earlierFeesCents]);
  if (n.feeCents > 0) rows.push([t('fee'), n.feeCents]);
  if (n.flatFeeCents > 0) rows.push([t('flatFee'), n.flatFeeCents]);
  if (n.interestCents > 0 && n.interestFrom && n.interestThrough) rows.push([t('interest', { from: date(n.interestFrom), through: date(n.interestThrough) }), n.interestCents]);
  return renderLayout({
    locale: l,
    title: `${n.name[l]} ${n.number}`,
    createdAt: new Date(`${n.date}T00:00:00Z`),
    seller,
    recipient: { ...n.customer.address, name: n.customer.name },
    info: [[t('number'), n.number], [t('date'), date(n.date)], [t('customerNumber'), n.customer.number], [t('invoice'), n.invoiceNumber]],
    salutation: t('salutation'),
    intro: t('intro'),
    columns: [{ header: t('item'), width: null, align: 'left' }, { header: t('amount'), width: 90, align: 'right' }],
    rows: rows.map(([label, cents]) => ({ cells: [label, money(cents)], detail: null })),
    totals: [{ label: t('total'), value: money(n.totalCents), strong: true }],
    paragraphs: [t('pay', { total: money(n.totalCents), due: date(n.newDueDate) })],
    payment: null,
    signature: null,
  });
}
