import { bindCard, pageOf } from '../../cards/bind';
import { digestFacts } from '../../data/accountingDigest';
import type { Db } from '../../data/db';
import { documentPath } from '../../data/documentLinks';
import { activeStopFor, findNoticeById } from '../../data/dunning';
import { findInvoice, findInvoiceById } from '../../data/invoices';
import { customerCreditCents } from '../../data/payments';
import type { Locale } from '../../domain/locale';
import { formatMoney } from '../../domain/money';
import { may } from '../../domain/permissions';
import { formatDate } from '../format';
import { paymentTexts } from '../texts/payments';
import type { NotificationKind } from './kind';

/** The card and text of a dunning notice for its reader (also what the chat shows when asked again). */
export async function dunningNoticeMessage(db: Db, noticeId: number, viewerId: number, locale: Locale, linkFrom: Date) {
  const notice = await findNoticeById(db, noticeId);
  if (!notice) return null;
  const d = notice.document;
  const t = (key: Parameters<typeof paymentTexts>[1], params?: Record<string, string>) => paymentTexts(locale, key, params);
  const fees = d.feeCents + d.earlierFeesCents + d.flatFeeCents;
  const link = await documentPath(db, notice.number, viewerId, linkFrom);
  const card = bindCard('dunningNotice', {
    title: t('noticeTitle', { name: d.name[locale], invoice: d.invoiceNumber }),
    intro: t('noticeIntro', { invoice: d.invoiceNumber, due: formatDate(d.invoiceDueDate, locale), newDue: formatDate(d.newDueDate, locale) }),
    openLabel: t('noticeOpen'), open: formatMoney(d.openCents, locale),
    feesLabel: t('noticeFees'), fees: fees > 0 ? formatMoney(fees, locale) : '',
    interestLabel: t('noticeInterest'), interest: d.interestCents > 0 ? formatMoney(d.interestCents, locale) : '',
    totalLabel: t('noticeTotal'), total: formatMoney(d.totalCents, locale), dueLabel: t('noticeDue'), newDue: formatDate(d.newDueDate, locale),
    pdfLabel: t('noticePdf', { number: notice.number }), link, alreadyPaidLabel: t('noticeAlreadyPaid'), number: notice.number,
  });
  const text = t('noticeText', { name: d.name[locale], number: notice.number, invoice: d.invoiceNumber, total: formatMoney(d.totalCents, locale), newDue: formatDate(d.newDueDate, locale) });
  return { notice, text, card };
}

/**
 * A dunning notice to the customer's people (dedupe `dunning:<invoice>:<level>:<person>`, held by quiet hours).
 * Still wanted only while the invoice is open and no dunning stop holds it: a payment booked between the run and
 * the send drops it.
 */
const dunningNotice: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    if (!viewer) return { unrenderable: `dunning notice ${String(row.payload.number)}: nobody to read it` };
    const message = await dunningNoticeMessage(db, Number(row.payload.noticeId), viewer.id, locale, new Date(row.createdAt));
    if (!message) return { unrenderable: `dunning notice ${String(row.payload.number)} does not exist` };
    if (!may({ role: viewer.role, customerId: viewer.customerId }, 'seeOrder', { customerId: message.notice.customerId })) {
      return { unrenderable: `dunning notice ${message.notice.number} is not visible to this reader` };
    }
    return { text: message.text, card: message.card };
  },
  async obsolete(db, row, now) {
    const notice = await findNoticeById(db, Number(row.payload.noticeId));
    if (!notice) return 'the notice does not exist';
    const invoice = await findInvoiceById(db, notice.invoiceId);
    if (!invoice || invoice.status !== 'issued') return 'the invoice was cancelled';
    if (invoice.openCents === 0) return 'the invoice is paid';
    if (await activeStopFor(db, notice.invoiceId, now)) return 'a dunning stop holds the invoice';
    return null;
  },
};

/** "Ich habe schon bezahlt" on a notice: the accountants are told (payload customer, invoiceNumber, notice). */
const alreadyPaid: NotificationKind = {
  async render({ row, viewer, locale }) {
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'bookPayment')) return { unrenderable: 'only accounting reads this' };
    const p = row.payload as Record<string, string>;
    return { text: paymentTexts(locale, 'alreadyPaidStaff', { customer: p.customer, invoice: p.invoiceNumber, notice: p.notice }) };
  },
};

/**
 * The offer to set a customer's credit against a new invoice (payload invoiceNumber, customerId), read when sent:
 * dropped when the credit is gone or the invoice is paid by then.
 */
const creditOffer: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'bookPayment')) return { unrenderable: 'only accounting reads this' };
    const invoice = await findInvoice(db, String(row.payload.invoiceNumber));
    if (!invoice) return { unrenderable: `invoice ${String(row.payload.invoiceNumber)} does not exist` };
    const credit = await customerCreditCents(db, invoice.customerId);
    const params = { credit: formatMoney(credit, locale), customer: invoice.customerName, invoice: invoice.number };
    const card = bindCard('creditOffer', {
      title: paymentTexts(locale, 'creditOfferTitle'), text: paymentTexts(locale, 'creditOfferText', params),
      creditLabel: paymentTexts(locale, 'creditOfferCredit'), credit: params.credit,
      openLabel: paymentTexts(locale, 'creditOfferOpen', { invoice: invoice.number }), open: formatMoney(invoice.openCents, locale),
      applyLabel: paymentTexts(locale, 'creditOfferApply'), invoice: invoice.number,
    });
    return { text: paymentTexts(locale, 'creditOfferText', params), card };
  },
  async obsolete(db, row) {
    const invoice = await findInvoice(db, String(row.payload.invoiceNumber));
    if (!invoice || invoice.status !== 'issued' || invoice.openCents === 0) return 'the invoice is not open';
    if ((await customerCreditCents(db, invoice.customerId)) <= 0) return 'the credit is used';
    return null;
  },
};

/** The accountants' morning digest, read when sent (payload date, since). */
const accountantDigest: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'bookPayment')) return { unrenderable: 'only accounting reads the digest' };
    const { date, since } = row.payload as { date: string; since: string };
    const f = await digestFacts(db, since, date);
    const t = (key: Parameters<typeof paymentTexts>[1], params?: Record<string, string | number>) => paymentTexts(locale, key, params);
    const money = (c: number) => formatMoney(c, locale);
    // A day with hundreds of payments stays one card under Teams' 28 KB: the first lines of each section, then how many more.
    const section = (heading: string, all: string[], count = all.length) => {
      const { items, rest } = pageOf('accountantDigest', 'lines', all);
      const lines = rest > 0 ? [...items, t('digestMore', { count: rest })] : items;
      return { heading, count, lines: lines.length ? lines.join('\n\n') : t('digestNone') };
    };
    const card = bindCard('accountantDigest', {
      title: t('digestTitle', { date: formatDate(date, locale) }),
      sections: [
        section(t('digestOverdue'), f.newlyOverdue.map((i) => `${i.number} · ${i.customer} · ${money(i.openCents)} · ${formatDate(i.dueDate, locale)}`)),
        section(t('digestSent'), f.noticesSent.map((n) => `${n.number} · ${n.invoiceNumber} · ${n.customer} · ${money(n.totalCents)}`)),
        section(t('digestPayments'), f.payments.map((p) => `${p.customer} · ${money(p.amountCents)} · ${formatDate(p.date, locale)}`)),
        section(t('digestDoubtful'), f.doubtfulEntries ? [String(f.doubtfulEntries)] : [], f.doubtfulEntries),
        section(t('digestHeld'), f.heldForCredit.map((o) => `${o.number} · ${o.customer}`)),
      ],
      overdueLabel: t('digestShowOverdue'), doubtfulLabel: t('digestShowDoubtful'), heldLabel: t('digestShowHeld'),
    });
    const text = t('digestText', {
      date: formatDate(date, locale), overdue: f.newlyOverdue.length, sent: f.noticesSent.length, payments: f.payments.length,
      doubtful: f.doubtfulEntries, held: f.heldForCredit.length,
    });
    return { text, card };
  },
};

export const paymentMessages: Record<string, NotificationKind> = {
  dunning_notice: dunningNotice,
  dunning_already_paid: alreadyPaid,
  accountant_digest: accountantDigest,
  credit_offer: creditOffer,
};
