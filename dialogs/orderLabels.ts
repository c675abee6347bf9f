import type { OrderView } from '../data/orders';
import { statusLabel } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { staffTexts } from './texts/staff';

/** How an order and its hold reason read, in staff and customer conversations and in notifications alike. */

/** Automatic holds carry a code; a person's reason is shown as written. */
export function reasonText(reason: string, locale: Locale): string {
  if (reason === 'credit_limit') return staffTexts(locale, 'holdCreditLimit');
  if (reason === 'overdue_invoices') return staffTexts(locale, 'holdOverdueInvoices');
  return reason;
}

export function orderLabel(view: Pick<OrderView, 'status' | 'lines'>, locale: Locale): string {
  return statusLabel(view.status, locale, { serviceOnly: isServiceOnly(view) });
}

export function isServiceOnly(view: Pick<OrderView, 'lines'>): boolean {
  return view.lines.length > 0 && view.lines.every((l) => l.kind === 'service');
}
