import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { bindCard } from '../cards/bind';
import type { Db } from '../data/db';
import { documentPath } from '../data/documentLinks';
import { findInvoice, listInvoices, type StoredInvoice } from '../data/invoices';
import { referenceDataOf } from '../data/referenceData';
import { berlinToday } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { may, type Actor } from '../domain/permissions';
import { cancelInvoice, issueInvoice } from '../operations';
import { formatDate } from './format';
import type { InvoiceCommand } from './invoiceCommands';
import { invoiceIncompleteText } from './resultTexts';
import { matchCustomers } from './staff/customerSearch';
import { invoiceTexts as tx } from './texts/invoices';
import { actorOf } from './turnUser';
import { understand, type Understanding } from './understanding';

export const INVOICE_DIALOG_ID = 'invoiceDialog';
const FLOW = 'invoiceFlow';
const REASON = 'invoiceReason';
const CONFIRM = 'invoiceConfirm';
/** How many invoices a card shows. */
const SHOWN = 10;
/** Stopping at the reason question instead of giving one. */
const STOP = /^\W*(abbrechen|abbruch|stopp?|cancel|stop|never ?mind|nein|no)\W*$/i;

/** What the recognizer passes: an invoice phrase (dialogs/invoiceCommands.ts), or the understanding of an invoice or payment question. */
export interface InvoiceDialogOptions {
  invoiceCommand?: InvoiceCommand;
  understanding?: Partial<Understanding>;
}

export interface InvoiceDialogDeps {
  db: Db;
  now?: () => Date;
}

interface Pending {
  number: string;
  reason?: string;
}

/**
 * Invoices in the chat. Customers: their own account's open invoices with amounts, due dates and download links
 * ("Welche Rechnungen sind offen?", "How much do we still owe you?"), or the invoices of their last order. Staff:
 * open and overdue invoices, a customer's invoices; accounting also issues an invoice for an order and cancels one,
 * with a reason and a confirmation (sales see invoices but may not cancel them).
 */
export class InvoiceDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: InvoiceDialogDeps) {
    super(INVOICE_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new TextPrompt(REASON));
    this.addDialog(new TextPrompt(CONFIRM));
    this.addDialog(new WaterfallDialog(FLOW, [this.startStep.bind(this), this.reasonStep.bind(this), this.confirmStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor) return step.endDialog();
    const options = (step.options ?? {}) as InvoiceDialogOptions;
    const command: InvoiceCommand = options.invoiceCommand ?? commandFromUnderstanding(options.understanding, actor);
    switch (command.kind) {
      case 'mine':
      case 'last_order':
        await this.replyMine(step.context, actor, locale, command.kind === 'last_order');
        return step.endDialog();
      case 'list':
        await this.replyList(step.context, actor, locale, command);
        return step.endDialog();
      case 'issue':
        await this.replyIssue(step.context, actor, locale, command.order);
        return step.endDialog();
      case 'cancel': {
        const invoice = await findInvoice(this.deps.db, command.number);
        if (!invoice || !may(actor, 'seeOrder', { customerId: invoice.customerId })) {
          await step.context.sendActivity(tx(locale, 'invoiceNotFound', { number: command.number }));
          return step.endDialog();
        }
        if (!may(actor, 'issueInvoice', { customerId: invoice.customerId })) {
          await step.context.sendActivity(tx(locale, 'forbidden'));
          return step.endDialog();
        }
        if (invoice.kind !== 'invoice') {
          await step.context.sendActivity(tx(locale, 'notAnInvoice', { number: invoice.number }));
          return step.endDialog();
        }
        if (invoice.status === 'cancelled') {
          await step.context.sendActivity(tx(locale, 'alreadyCancelled', { number: invoice.number }));
          return step.endDialog();
        }
        (step.values as { pending?: Pending }).pending = { number: invoice.number };
        if (command.reason) return step.next(command.reason);
        return step.prompt(REASON, { prompt: MessageFactory.text(tx(locale, 'askReason', { number: invoice.number })) });
      }
    }
  }

  private async reasonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const pending = (step.values as { pending: Pending }).pending;
    const reason = String(step.result ?? '').trim();
    if (!actor || !reason || STOP.test(reason)) {
      await step.context.sendActivity(tx(locale, 'kept', { number: pending.number }));
      return step.endDialog();
    }
    const invoice = await findInvoice(this.deps.db, pending.number);
    if (!invoice) return step.endDialog();
    pending.reason = reason;
    const question = tx(locale, 'confirmCancel', { number: invoice.number, customer: invoice.customerName, gross: formatMoney(invoice.grossCents, locale), reason });
    return step.prompt(CONFIRM, { prompt: MessageFactory.suggestedActions([tx(locale, 'yesCancel'), tx(locale, 'noKeep')], question) });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const pending = (step.values as { pending: Pending }).pending;
    const yes = understand(String(step.result ?? ''), { locale, catalog: [] }).confirm === true;
    if (!actor || !yes || !pending.reason) {
      await step.context.sendActivity(tx(locale, 'kept', { number: pending.number }));
      return step.endDialog();
    }
    const result = await cancelInvoice(this.deps.db, actor, pending.number, pending.reason, this.now());
    if (result.ok) {
      await step.context.sendActivity(tx(locale, 'cancelled', {
        invoice: result.original.number, cancellation: result.cancellation.number, gross: formatMoney(result.cancellation.grossCents, locale),
      }));
      await step.context.sendActivity({ attachments: [await this.card(actor, locale, tx(locale, 'titleLastOrder', { order: result.original.orderNumber }), [result.cancellation, result.original], '')] });
    } else {
      await step.context.sendActivity(cancelRefusalText(result.code, pending.number, locale));
    }
    return step.endDialog();
  }

  private async replyMine(context: TurnContext, actor: Actor, locale: Locale, lastOrder: boolean): Promise<void> {
    if (actor.customerId == null) {
      // Staff asking "which invoices are open" get the open list of every account.
      await this.replyList(context, actor, locale, { kind: 'list', filter: 'open' });
      return;
    }
    const db = this.deps.db;
    if (lastOrder) {
      const order = await db('orders').where({ customer_id: actor.customerId }).orderBy('id', 'desc').first('id', 'number');
      if (!order) {
        await context.sendActivity(tx(locale, 'noOrders'));
        return;
      }
      const invoices = await listInvoices(db, { customerId: actor.customerId, orderId: Number(order.id), limit: SHOWN });
      if (invoices.length === 0) {
        await context.sendActivity(tx(locale, 'noOrderYet'));
        return;
      }
      await context.sendActivity({ attachments: [await this.card(actor, locale, tx(locale, 'titleLastOrder', { order: order.number }), invoices, '')] });
      return;
    }
    const open = await listInvoices(db, { customerId: actor.customerId, open: true, limit: 200 });
    if (open.length === 0) {
      await context.sendActivity(tx(locale, 'noneOpenMine'));
      return;
    }
    const owed = formatMoney(open.reduce((sum, i) => sum + i.openCents, 0), locale);
    await context.sendActivity({ text: tx(locale, 'summaryOwed', { total: owed }), attachments: [await this.card(actor, locale, tx(locale, 'titleMine'), open, tx(locale, 'summaryOwed', { total: owed }))] });
  }

  private async replyList(context: TurnContext, actor: Actor, locale: Locale, command: Extract<InvoiceCommand, { kind: 'list' }>): Promise<void> {
    if (actor.role === 'customer') return this.replyMine(context, actor, locale, false);
    let customerId: number | undefined;
    let title = tx(locale, command.filter === 'overdue' ? 'titleOverdue' : 'titleOpen');
    if (command.customer) {
      const found = matchCustomers((await referenceDataOf(this.deps.db).current()).customers, command.customer);
      if (found.length === 0) {
        await context.sendActivity(tx(locale, 'customerNotFound', { query: command.customer }));
        return;
      }
      if (found.length > 1) {
        await context.sendActivity(tx(locale, 'customerAmbiguous', { query: command.customer, names: found.map((c) => c.name).join(', ') }));
        return;
      }
      customerId = found[0].id;
      title = tx(locale, 'titleCustomer', { customer: found[0].name });
    }
    const today = berlinToday(this.now());
    const invoices = (await listInvoices(this.deps.db, {
      customerId, open: command.filter === 'open', dueBefore: command.filter === 'overdue' ? today : undefined, limit: 200,
    })).filter((i) => may(actor, 'seeOrder', { customerId: i.customerId }));
    if (invoices.length === 0) {
      await context.sendActivity(tx(locale, 'noneList', { title }));
      return;
    }
    const openCents = invoices.reduce((sum, i) => sum + i.openCents, 0);
    const summary = openCents > 0 ? tx(locale, 'summaryOwed', { total: formatMoney(openCents, locale) }) : '';
    await context.sendActivity({ attachments: [await this.card(actor, locale, title, invoices, summary)] });
  }

  private async replyIssue(context: TurnContext, actor: Actor, locale: Locale, order: string): Promise<void> {
    const result = await issueInvoice(this.deps.db, actor, order, this.now());
    if (result.ok) {
      const i = result.invoice;
      await context.sendActivity(tx(locale, 'issued', { invoice: i.number, order: i.orderNumber, gross: formatMoney(i.grossCents, locale), due: dueText(i, locale) }));
      await context.sendActivity({ attachments: [await this.card(actor, locale, tx(locale, 'titleLastOrder', { order: i.orderNumber }), [i], '')] });
      return;
    }
    if (result.code === 'invoice_incomplete') await context.sendActivity(invoiceIncompleteText(result.missing, locale));
    else if (result.code === 'nothing_to_invoice') await context.sendActivity(tx(locale, 'nothingToInvoice', { number: order }));
    else if (result.code === 'forbidden') await context.sendActivity(tx(locale, 'forbidden'));
    else await context.sendActivity(tx(locale, 'orderNotFound', { number: order }));
  }

  /** The invoice card: one entry per invoice with amounts, due date, status and a link signed for this reader. */
  private async card(actor: Actor, locale: Locale, title: string, invoices: StoredInvoice[], summary: string) {
    const today = berlinToday(this.now());
    const shown = invoices.slice(0, SHOWN);
    const entries = [];
    for (const i of shown) {
      const status = statusOf(i, today);
      entries.push({
        title: tx(locale, 'itemTitle', { invoice: i.number, order: i.orderNumber }),
        customer: actor.role === 'customer' ? '' : i.customerName,
        amounts: i.kind === 'cancellation'
          ? tx(locale, 'itemCancellation', { gross: formatMoney(i.grossCents, locale), original: i.refersTo ?? '' })
          : tx(locale, 'itemAmounts', { gross: formatMoney(i.grossCents, locale), open: formatMoney(i.openCents, locale), due: dueText(i, locale) }),
        status: tx(locale, status),
        statusColor: status === 'statusOverdue' ? 'Attention' : status === 'statusPaid' ? 'Good' : 'Default',
        downloadLabel: tx(locale, 'download'),
        link: actor.personId == null ? '' : await documentPath(this.deps.db, i.number, actor.personId, this.now()),
      });
    }
    const footer = invoices.length > SHOWN ? tx(locale, 'moreThan', { shown: SHOWN, total: invoices.length }) : '';
    return bindCard('invoiceList', { title, summary, invoices: entries, footer });
  }
}

type StatusKey = 'statusIssued' | 'statusOverdue' | 'statusPaid' | 'statusCancelled' | 'statusCancellation';

function statusOf(i: StoredInvoice, today: string): StatusKey {
  if (i.kind === 'cancellation') return 'statusCancellation';
  if (i.status === 'cancelled') return 'statusCancelled';
  if (i.openCents === 0) return 'statusPaid';
  return i.dueDate && i.dueDate < today ? 'statusOverdue' : 'statusIssued';
}

function dueText(i: StoredInvoice, locale: Locale): string {
  return i.dueDate && i.dueDate > i.issueDate ? formatDate(i.dueDate, locale) : tx(locale, 'dueOnReceipt');
}

/** An invoice or payment question the understanding recognized: customers their account, staff the open list. */
function commandFromUnderstanding(understanding: Partial<Understanding> | undefined, actor: Actor): InvoiceCommand {
  if (actor.role === 'customer') return { kind: 'mine' };
  if (understanding?.order) return { kind: 'list', filter: 'all' };
  return { kind: 'list', filter: 'open' };
}

function cancelRefusalText(code: Exclude<Awaited<ReturnType<typeof cancelInvoice>>, { ok: true }>['code'], number: string, locale: Locale): string {
  switch (code) {
    case 'not_found':
      return tx(locale, 'invoiceNotFound', { number });
    case 'forbidden':
      return tx(locale, 'forbidden');
    case 'reason_required':
      return tx(locale, 'reasonRequired');
    case 'already_cancelled':
      return tx(locale, 'alreadyCancelled', { number });
    case 'not_an_invoice':
      return tx(locale, 'notAnInvoice', { number });
    case 'has_payments':
      return tx(locale, 'hasPayments', { number });
  }
}
