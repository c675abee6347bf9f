import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { bindCard, type CardAttachment } from '../cards/bind';
import { findBankEntry, listBankEntries, type StoredBankEntry } from '../data/bankEntries';
import type { Db } from '../data/db';
import { findNotice } from '../data/dunning';
import { listInvoices } from '../data/invoices';
import { referenceDataOf } from '../data/referenceData';
import { customerCreditCents, listPayments } from '../data/payments';
import { berlinToday } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { matchReasonTexts } from '../domain/paymentMatching';
import { may, type Actor } from '../domain/permissions';
import { applyCredit, type ApplyCreditResult } from '../operations/applyCredit';
import { bookPayment, type BookPaymentResult } from '../operations/bookPayment';
import { decideBankEntry, importStatement, type BankEntryDecision } from '../operations/importStatement';
import { statementRefusalText } from '../formats/camt053';
import type { ChatFile, ChatFileReader } from './chatFiles';
import { enqueueNotification } from '../data/outbox';
import { formatDate } from './format';
import type { PaymentCommand } from './paymentCommands';
import { matchCustomers } from './staff/customerSearch';
import { paymentTexts as tx } from './texts/payments';
import { actorOf } from './turnUser';

export const PAYMENT_DIALOG_ID = 'paymentDialog';
const FLOW = 'paymentFlow';
/** How many doubtful entries one answer shows as cards. */
const SHOWN = 5;

/** Card buttons this dialog answers (cards/dunningNotice.json, bankEntry.json, accountantDigest.json). */
export const paymentCardActions = new Set(['dunningAlreadyPaid', 'bankEntryConfirm', 'bankEntryAssign', 'bankEntryLeave', 'digestShow', 'creditApply']);

export interface PaymentDialogOptions {
  paymentCommand?: PaymentCommand;
  /** Files sent in the chat (a bank statement). */
  files?: ChatFile[];
  /** A card button's submit data. */
  value?: Record<string, unknown>;
}

export interface PaymentDialogDeps {
  db: Db;
  /** Reads a file sent in the chat (bot/attachmentFiles.ts); without it, files are answered with the REST hint. */
  readFile?: ChatFileReader;
  now?: () => Date;
}

/**
 * Payments in the chat. Accounting books a payment in words ("Zahlung 238,00 € für RE-2026-0004 eingegangen",
 * "Müller Bau hat 500 € überwiesen", "payment of €1,200 from Café Sonnenschein"), sees the bank entries waiting for
 * a decision as cards and decides them (book as proposed, to another invoice, leave open); the digest's buttons
 * land here. Customers ask "Habt ihr meine Zahlung erhalten?" and hear of their own account's payments only, and
 * answer a dunning notice with "Ich habe schon bezahlt", which tells accounting.
 */
export class PaymentDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: PaymentDialogDeps) {
    super(PAYMENT_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new WaterfallDialog(FLOW, [this.startStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor) return step.endDialog();
    const options = (step.options ?? {}) as PaymentDialogOptions;
    if (options.files?.length) await this.upload(step.context, actor, locale, options.files);
    else if (options.value && typeof options.value.action === 'string') await this.cardAction(step.context, actor, locale, options.value);
    else if (options.paymentCommand) await this.command(step.context, actor, locale, options.paymentCommand);
    else await this.paymentStatus(step.context, actor, locale);
    return step.endDialog();
  }

  private async command(context: TurnContext, actor: Actor, locale: Locale, command: PaymentCommand): Promise<void> {
    if (!may(actor, 'bookPayment')) {
      // A customer saying "we paid 500 €" is asking whether it arrived.
      if (actor.role === 'customer') return this.paymentStatus(context, actor, locale);
      await context.sendActivity(tx(locale, 'forbidden'));
      return;
    }
    if (command.kind === 'upload') {
      await context.sendActivity(tx(locale, 'uploadHint'));
      return;
    }
    if (command.kind === 'bank_entries') {
      await this.showDoubtful(context, locale);
      return;
    }
    if (command.kind === 'apply_credit') {
      let customerNumber: string | null = null;
      if (command.invoiceNumbers.length === 0) {
        const found = command.customer ? matchCustomers((await referenceDataOf(this.deps.db).current()).customers, command.customer) : [];
        if (found.length !== 1) return void (await context.sendActivity(tx(locale, 'creditWho')));
        customerNumber = found[0].number;
      }
      const result = await applyCredit(this.deps.db, actor, { reference: chatReference(context), invoiceNumber: command.invoiceNumbers[0] ?? null, customerNumber }, this.now());
      await context.sendActivity(creditText(result, locale));
      return;
    }
    let customerNumber: string | null = null;
    if (command.invoiceNumbers.length === 0) {
      const found = command.customer ? matchCustomers((await referenceDataOf(this.deps.db).current()).customers, command.customer) : [];
      if (found.length !== 1) {
        await context.sendActivity(tx(locale, 'customerUnknown'));
        return;
      }
      customerNumber = found[0].number;
    }
    const reference = chatReference(context);
    const result = await bookPayment(this.deps.db, actor, {
      reference, amountCents: command.amountCents, customerNumber, invoiceNumbers: command.invoiceNumbers, source: 'chat',
    }, this.now());
    await context.sendActivity(bookedText(result, locale));
  }

  /**
   * A bank statement sent as a chat file: only accounting may import it; the file is read from where chat files
   * live (deps.readFile) and imported like a REST upload (nothing booked when it is no camt.053, malformed or in
   * another currency); the answer says what was booked and what waits, with a card per doubtful entry.
   */
  private async upload(context: TurnContext, actor: Actor, locale: Locale, files: ChatFile[]): Promise<void> {
    if (!may(actor, 'bookPayment')) return void (await context.sendActivity(tx(locale, 'uploadForbidden')));
    if (!this.deps.readFile) return void (await context.sendActivity(tx(locale, 'uploadHint')));
    for (const file of files.slice(0, 3)) {
      const read = await this.deps.readFile(file, context.activity);
      const name = file.name ?? 'Datei';
      if (!read.ok) {
        await context.sendActivity(tx(locale, read.reason === 'too_large' ? 'uploadTooLarge' : 'uploadUnreadable', { name }));
        continue;
      }
      const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
      const result = await importStatement(this.deps.db, actor, text, this.now());
      if (!result.ok) {
        await context.sendActivity(result.code === 'forbidden' ? tx(locale, 'uploadForbidden') : tx(locale, 'uploadRefused', { name, why: statementRefusalText(result.refusal)[locale] }));
        continue;
      }
      const s = result.summary;
      await context.sendActivity(tx(locale, 'uploadSummary', {
        name, booked: s.booked, amount: formatMoney(s.bookedCents, locale), reversed: s.reversed, doubtful: s.doubtful, open: s.open,
        ignored: s.ignored, again: s.alreadyImported, pending: s.notBooked,
      }));
      const ids = s.doubtfulEntryIds.slice(0, SHOWN);
      for (const id of ids) {
        const entry = await findBankEntry(this.deps.db, id);
        if (entry) await context.sendActivity({ type: 'message', attachments: [bankEntryCard(entry, locale)] });
      }
      if (s.doubtful > ids.length) await context.sendActivity(tx(locale, 'uploadMoreDoubtful', { more: s.doubtful - ids.length }));
    }
  }

  private async paymentStatus(context: TurnContext, actor: Actor, locale: Locale): Promise<void> {
    if (actor.role !== 'customer' || actor.customerId == null) {
      if (may(actor, 'bookPayment')) {
        const recent = await listPayments(this.deps.db, { limit: 5 });
        const lines = recent.map((p) => `${formatDate(p.paymentDate, locale)} · ${p.customerName} · ${formatMoney(p.amountCents, locale)}`);
        await context.sendActivity(`${tx(locale, 'digestPayments')}: ${lines.length ? lines.join('; ') : tx(locale, 'digestNone')}`);
      } else {
        await context.sendActivity(tx(locale, 'forbidden'));
      }
      return;
    }
    // Only the asker's own account is read.
    // Money that came in and stayed: not credit set against an invoice (source credit), not reversed.
    const [last] = (await listPayments(this.deps.db, { customerId: actor.customerId, limit: 20 })).filter((p) => p.source !== 'credit' && p.amountCents > 0 && p.reversedByPaymentId == null);
    const open = await listInvoices(this.deps.db, { customerId: actor.customerId, open: true, limit: 500 });
    const openCents = open.reduce((s, i) => s + i.openCents, 0);
    const credit = await customerCreditCents(this.deps.db, actor.customerId);
    const parts: string[] = [];
    if (!last || last.amountCents <= 0) parts.push(tx(locale, 'customerNone'));
    else {
      parts.push(tx(locale, 'customerLast', { date: formatDate(last.paymentDate, locale), amount: formatMoney(last.amountCents, locale), allocations: allocationsText(last.allocations, locale) }));
    }
    parts.push(openCents > 0 ? tx(locale, 'customerOpen', { amount: formatMoney(openCents, locale) }) : tx(locale, 'customerNothingOpen'));
    if (credit > 0) parts.push(tx(locale, 'customerCredit', { amount: formatMoney(credit, locale) }));
    await context.sendActivity(parts.join(' '));
  }

  private async showDoubtful(context: TurnContext, locale: Locale): Promise<void> {
    const entries = await listBankEntries(this.deps.db, { status: 'doubtful', limit: SHOWN });
    if (entries.length === 0) {
      await context.sendActivity(tx(locale, 'noDoubtful'));
      return;
    }
    for (const entry of entries) await context.sendActivity({ type: 'message', attachments: [bankEntryCard(entry, locale)] });
  }

  private async cardAction(context: TurnContext, actor: Actor, locale: Locale, value: Record<string, unknown>): Promise<void> {
    const action = String(value.action);
    if (action === 'dunningAlreadyPaid') {
      const notice = await findNotice(this.deps.db, String(value.notice ?? ''));
      if (!notice || !may(actor, 'seeOrder', { customerId: notice.customerId })) return void (await context.sendActivity(tx(locale, 'reverseNotFound')));
      const now = this.now();
      await enqueueNotification(this.deps.db, {
        recipient: { kind: 'role', role: 'accountant' }, kind: 'dunning_already_paid',
        payload: { customer: notice.document.customer.name, invoiceNumber: notice.invoiceNumber, notice: notice.number },
        dedupeKey: `dunning-paid:${notice.number}:p${actor.personId ?? 0}`,
      }, now);
      await context.sendActivity(tx(locale, 'alreadyPaidThanks', { invoice: notice.invoiceNumber }));
      return;
    }
    if (!may(actor, 'bookPayment')) return void (await context.sendActivity(tx(locale, 'forbidden')));
    if (action === 'creditApply') {
      const invoice = String(value.invoice ?? '').trim().toUpperCase();
      // One offer, one booking: the button's reference is the offer's, however often it is pressed.
      const result = await applyCredit(this.deps.db, actor, { reference: `credit-offer:${invoice}`, invoiceNumber: invoice }, this.now());
      return void (await context.sendActivity(creditText(result, locale)));
    }
    if (action === 'digestShow') {
      const show = String(value.show ?? '');
      if (show === 'doubtful') return this.showDoubtful(context, locale);
      if (show === 'overdue') {
        const overdue = await listInvoices(this.deps.db, { dueBefore: berlinToday(this.now()), limit: 20 });
        const lines = overdue.map((i) => `${i.number} · ${i.customerName} · ${formatMoney(i.openCents, locale)} · ${formatDate(i.dueDate, locale)}`);
        return void (await context.sendActivity(`${tx(locale, 'digestShowOverdue')}: ${lines.length ? lines.join('\n\n') : tx(locale, 'digestNone')}`));
      }
      const held = await this.deps.db('orders').join('customers', 'customers.id', 'orders.customer_id').where('orders.status', 'on_hold')
        .whereIn('orders.hold_reason', ['credit_limit', 'overdue_invoices']).orderBy('orders.id').limit(20).select('orders.number', 'customers.name');
      const lines = held.map((o: any) => `${o.number} · ${o.name}`);
      return void (await context.sendActivity(`${tx(locale, 'digestHeld')}: ${lines.length ? lines.join('\n\n') : tx(locale, 'digestNone')}`));
    }
    const entryId = Number(value.entry);
    const decision: BankEntryDecision | null = action === 'bankEntryConfirm' ? { kind: 'confirm', candidate: Number(value.candidate) }
      : action === 'bankEntryAssign' ? { kind: 'assign', invoiceNumber: String(value.invoiceNumber ?? '').trim().toUpperCase() }
        : action === 'bankEntryLeave' ? { kind: 'leave' } : null;
    if (!decision || !Number.isSafeInteger(entryId)) return void (await context.sendActivity(tx(locale, 'entryDecided')));
    const result = await decideBankEntry(this.deps.db, actor, entryId, decision, this.now());
    if (result.ok) return void (await context.sendActivity(tx(locale, result.status === 'booked' ? 'entryBooked' : 'entryLeft')));
    await context.sendActivity(tx(locale, result.code === 'invoice_not_open' || result.code === 'no_such_candidate' ? 'entryNotOpen' : result.code === 'forbidden' ? 'forbidden' : 'entryDecided'));
  }
}

function allocationsText(allocations: readonly { invoiceNumber: string | null; cents: number }[], locale: Locale): string {
  return allocations.map((a) => (a.invoiceNumber
    ? tx(locale, 'allocation', { amount: formatMoney(a.cents, locale), invoice: a.invoiceNumber })
    : tx(locale, 'allocationCredit', { amount: formatMoney(a.cents, locale) }))).join(', ');
}

/** A retried chat message books nothing twice: its reference is the conversation and the activity id. */
function chatReference(context: TurnContext): string {
  return `chat:${context.activity.conversation?.id ?? ''}:${context.activity.id ?? context.activity.timestamp ?? ''}`;
}

/** Every answer of applyCredit in words. */
export function creditText(result: ApplyCreditResult, locale: Locale): string {
  if (!result.ok) {
    const key = ({
      forbidden: 'forbidden', customer_unknown: 'creditWho', invoice_not_open: 'creditInvoiceNotOpen', no_credit: 'creditNone', nothing_open: 'creditNothingOpen',
    } as const)[result.code];
    return tx(locale, key);
  }
  if (result.duplicate) return tx(locale, 'creditAppliedAlready');
  const parts = [tx(locale, 'creditApplied', {
    customer: result.customerName, left: formatMoney(result.creditLeftCents, locale),
    allocations: allocationsText(result.invoices.map((i) => ({ invoiceNumber: i.number, cents: i.cents })), locale),
  })];
  if (result.settledOrders.length) parts.push(tx(locale, 'settled', { orders: result.settledOrders.join(', ') }));
  return parts.join(' ');
}

/** Every answer of bookPayment in words (chat). */
export function bookedText(result: BookPaymentResult, locale: Locale): string {
  if (!result.ok) {
    const key = ({
      forbidden: 'forbidden', customer_unknown: 'customerUnknown', invoice_unknown: 'invoiceUnknown', several_customers: 'severalCustomers',
      reference_required: 'customerUnknown', invalid_date: 'invalidDate', not_positive: 'notPositive', not_cents: 'notPositive', reference_reused: 'referenceReused',
    } as const)[result.code];
    return tx(locale, key);
  }
  if (result.duplicate) return tx(locale, 'duplicate');
  const p = result.payment;
  const parts = [tx(locale, 'booked', { amount: formatMoney(p.amountCents, locale), customer: p.customerName, allocations: allocationsText(p.allocations, locale) })];
  if (result.notOpen.length) parts.push(tx(locale, 'notOpen', { numbers: result.notOpen.join(', ') }));
  if (result.creditCents > 0) parts.push(tx(locale, 'creditNow', { amount: formatMoney(result.customerCreditCents, locale) }));
  if (result.settledOrders.length) parts.push(tx(locale, 'settled', { orders: result.settledOrders.join(', ') }));
  return parts.join(' ');
}

/** A doubtful bank entry as a card: one button per candidate, another invoice, leave open. */
export function bankEntryCard(entry: StoredBankEntry, locale: Locale): CardAttachment {
  const p = entry.payment;
  return bindCard('bankEntry', {
    title: tx(locale, 'entryTitle'),
    facts: tx(locale, 'entryFacts', { amount: formatMoney(p.amountCents, locale), payer: p.counterpartyName ?? '?', date: formatDate(p.bookingDate ?? '', locale) }),
    remittance: p.remittance.length ? tx(locale, 'entryText', { text: p.remittance.join(' ') }) : '',
    why: entry.reasons.map((r) => matchReasonTexts[r]?.[locale] ?? r).join(', '),
    entry: entry.id,
    candidates: entry.candidates.map((c, index) => ({
      label: c.undoes ? tx(locale, 'entryUndo', { payment: c.undoes }) : tx(locale, 'entryCandidate', { invoices: c.invoiceNumbers.join(', ') }), entry: entry.id, index,
    })),
    assignLabel: tx(locale, 'entryAssign'), assignPlaceholder: tx(locale, 'entryAssignPlaceholder'), leaveLabel: tx(locale, 'entryLeave'),
  });
}

export { findBankEntry };
