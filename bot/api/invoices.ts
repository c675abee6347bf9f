import restify from 'restify';
import type { Db } from '../../data/db';
import { listInvoices, findInvoice, type StoredInvoice } from '../../data/invoices';
import { berlinToday } from '../../domain/calendar';
import { parseDocumentNumber } from '../../domain/documentNumbers';
import { may, type Actor } from '../../domain/permissions';
import { findDocumentFile, type FileFormat } from '../documentFiles';
import { staffKeyRoutes } from './staffKey';

export interface InvoiceApiDeps {
  db: Db;
  staffApiKey: string | undefined;
  logger: { error(obj: object, msg?: string): void };
}

/** The staff key reads invoices as sales staff do (every account); the shop key does not see invoices. */
const staffActor: Actor = { personId: null, role: 'sales', customerId: null, channel: 'rest' };

/** The public shape of an invoice: numbers, amounts in cents, the stored document's lines and per-rate totals. */
export function toApiInvoice(i: StoredInvoice) {
  return {
    number: i.number, kind: i.kind, status: i.status, orderNumber: i.orderNumber,
    customer: { number: i.document.buyer.customerNumber, name: i.customerName },
    refersTo: i.refersTo, cancelledBy: i.cancelledBy, issueDate: i.issueDate, dueDate: i.dueDate, locale: i.locale,
    netCents: i.netCents, vatCents: i.vatCents, grossCents: i.grossCents, paidCents: i.paidCents, openCents: i.openCents,
    lines: i.document.lines.map(({ position, sku, name, quantity, unit, unitPriceCents, vatRate, netCents }) => ({ position, sku, name, quantity, unit: unit.name, unitPriceCents, vatRate, netCents })),
    totalsByRate: i.document.totals.byRate.map(({ rate, netCents, vatCents, grossCents }) => ({ rate, netCents, vatCents, grossCents })),
    notes: i.document.notes,
  };
}

const fileFormats: readonly FileFormat[] = ['pdf', 'zugferd', 'xrechnung'];

/**
 * GET /api/invoices (?customerNumber=, ?status=open|overdue) and GET /api/invoices/{number} (JSON, or the file with
 * ?format=pdf|zugferd|xrechnung), for the staff key only.
 */
export function mountInvoiceApi(server: restify.Server, deps: InvoiceApiDeps): void {
  const { guard, failed, query, customerFilter } = staffKeyRoutes(deps, 'invoices');

  server.get('/api/invoices', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const q = query(req);
      const status = q.get('status');
      if (status !== null && status !== 'open' && status !== 'overdue') {
        res.send(400, { error: 'invalid_request', details: [{ field: 'status', message: 'must be one of: open, overdue' }] });
        return;
      }
      const filter = await customerFilter(req, res);
      if (!filter) return;
      const { customerId } = filter;
      const invoices = await listInvoices(deps.db, {
        customerId, open: status === 'open', dueBefore: status === 'overdue' ? berlinToday(new Date()) : undefined, limit: 200,
      });
      res.send(200, { invoices: invoices.filter((i) => may(staffActor, 'seeOrder', { customerId: i.customerId })).map(toApiInvoice) });
    } catch (err) {
      failed(res, err);
    }
  });

  server.get('/api/invoices/:number', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const parsed = parseDocumentNumber(String(req.params.number ?? ''));
      const invoice = parsed && (parsed.kind === 'invoice' || parsed.kind === 'cancellation') ? await findInvoice(deps.db, parsed.number) : null;
      if (!invoice || !may(staffActor, 'seeOrder', { customerId: invoice.customerId })) {
        res.send(404, { error: 'not_found' });
        return;
      }
      const format = query(req).get('format');
      if (format === null || format === 'json') {
        res.send(200, toApiInvoice(invoice));
        return;
      }
      if (!(fileFormats as readonly string[]).includes(format)) {
        res.send(400, { error: 'invalid_request', details: [{ field: 'format', message: 'must be one of: json, pdf, zugferd, xrechnung' }] });
        return;
      }
      const file = (await findDocumentFile(deps.db, invoice.number))!;
      const rendered = await file.render(format as FileFormat);
      res.writeHead(200, { 'Content-Type': rendered.contentType, 'Content-Length': rendered.body.length, 'Content-Disposition': `inline; filename="${rendered.fileName}"` });
      res.end(rendered.body);
    } catch (err) {
      failed(res, err);
    }
  });
}
