import type { Db } from '../data/db';
import { insertHistory } from '../data/history';
import { findInvoice, findInvoiceById, insertInvoice, markInvoiceCancelled, type StoredInvoice } from '../data/invoices';
import { nextYearlyNumber } from '../data/numbering';
import type { Actor } from '../data/orders';
import { berlinToday } from '../domain/calendar';
import { formatYearlyNumber } from '../domain/documentNumbers';
import { cancelInvoice as mirrorInvoice } from '../domain/invoice';
import { may } from '../domain/permissions';
import { notifyInvoice } from './issueInvoice';
import { runOperation } from './refusal';

export type CancelInvoiceResult =
  | { ok: true; original: StoredInvoice; cancellation: StoredInvoice }
  | { ok: false; code: 'not_found' | 'forbidden' | 'reason_required' | 'already_cancelled' | 'not_an_invoice' | 'has_payments' };

/**
 * "Rechnung RE-2026-0007 stornieren": an issued invoice is never changed (GoBD); it is reversed by a cancellation
 * invoice of its own number (ST-2026-…) that refers to it and mirrors every amount with the opposite sign. The
 * original is marked cancelled, its quantities count as not invoiced again (a corrected invoice may bill them), and
 * both show in the order's history. Invoices with payments booked are not cancelled here (payments come first).
 */
export async function cancelInvoice(db: Db, actor: Actor, number: string, reason: string, now: Date = new Date()): Promise<CancelInvoiceResult> {
  return runOperation<CancelInvoiceResult>(db, async (trx, refuse) => {
    const original = await findInvoice(trx, number, { lock: true });
    if (!original || !may(actor, 'seeOrder', { customerId: original.customerId })) return refuse({ ok: false, code: 'not_found' });
    if (!may(actor, 'issueInvoice', { customerId: original.customerId })) return refuse({ ok: false, code: 'forbidden' });
    if (original.kind !== 'invoice') return refuse({ ok: false, code: 'not_an_invoice' });
    if (original.status === 'cancelled') return refuse({ ok: false, code: 'already_cancelled' });
    if (original.paidCents > 0) return refuse({ ok: false, code: 'has_payments' });
    const why = reason.trim();
    if (!why) return refuse({ ok: false, code: 'reason_required' });

    const today = berlinToday(now);
    const year = Number(today.slice(0, 4));
    const cancellationNumber = formatYearlyNumber('cancellation', year, await nextYearlyNumber(trx, 'cancellation', year));
    const mirrored = mirrorInvoice(original.document, { number: cancellationNumber, issueDate: today < original.issueDate ? original.issueDate : today });
    if (!mirrored.ok) throw new Error(`invoice ${number} could not be mirrored: ${mirrored.reason}`);
    if (!(await markInvoiceCancelled(trx, original.id))) return refuse({ ok: false, code: 'already_cancelled' });
    const originalLines = await trx('invoice_lines').where({ invoice_id: original.id }).orderBy('position').select('order_line_id');
    const id = await insertInvoice(trx, {
      document: mirrored.cancellation, orderId: original.orderId, shipmentId: original.shipmentId, customerId: original.customerId,
      refersToInvoiceId: original.id, orderLineIds: originalLines.map((l: any) => (l.order_line_id == null ? null : Number(l.order_line_id))),
      issuedBy: actor.personId,
    }, now);
    const order = await trx('orders').where({ id: original.orderId }).first('status');
    const historyId = await insertHistory(trx, original.orderId, order.status, order.status, actor, now, why, {
      event: 'invoice_cancelled', invoice: original.number, cancellation: cancellationNumber,
    });
    await notifyInvoice(trx, 'invoice_cancelled', { id, number: cancellationNumber, orderId: original.orderId, orderNumber: original.orderNumber, historyId, customerId: original.customerId }, now);
    return { ok: true, original: (await findInvoiceById(trx, original.id))!, cancellation: (await findInvoiceById(trx, id))! };
  });
}
