import restify from 'restify';
import type { Db } from '../../data/db';
import { findQuote, listQuotes, type StoredQuote } from '../../data/quotes';
import { parseDocumentNumber } from '../../domain/documentNumbers';
import { may, type Actor } from '../../domain/permissions';
import { isQuoteStatus, quoteStatuses } from '../../domain/quotes';
import { findDocumentFile } from '../documentFiles';
import { staffKeyRoutes } from './staffKey';

export interface QuoteApiDeps {
  db: Db;
  staffApiKey: string | undefined;
  logger: { error(obj: object, msg?: string): void };
}

/** The staff key reads quotes as sales staff do (every account). */
const staffActor: Actor = { personId: null, role: 'sales', customerId: null, channel: 'rest' };

export function toApiQuote(q: StoredQuote) {
  const d = q.document;
  return {
    number: q.number, status: q.status, customer: { number: d.buyer.customerNumber, name: q.customerName },
    issueDate: q.issueDate, validUntil: q.validUntil, locale: q.locale, requestedBy: q.requestedBy, orderNumber: q.orderNumber,
    netCents: q.netCents, vatCents: q.vatCents, grossCents: q.grossCents,
    documentDiscountBasisPoints: q.documentDiscountBasisPoints,
    lines: d.lines.map(({ position, sku, name, quantity, unit, unitPriceCents, vatRate, discount, discountCents, netCents }) => ({
      position, sku, name, quantity, unit: unit.name, unitPriceCents, vatRate, discountBasisPoints: discount?.kind === 'percent' ? discount.basisPoints : null, discountCents, netCents,
    })),
    totalsByRate: d.totals.byRate.map(({ rate, discountCents, netCents, vatCents, grossCents }) => ({ rate, discountCents, netCents, vatCents, grossCents })),
  };
}

/** GET /api/quotes (?customerNumber=, ?status=) and GET /api/quotes/{number} (JSON, or ?format=pdf), for the staff key only. */
export function mountQuoteApi(server: restify.Server, deps: QuoteApiDeps): void {
  const { guard, failed, query, customerFilter } = staffKeyRoutes(deps, 'quotes');

  server.get('/api/quotes', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const q = query(req);
      const status = q.get('status');
      if (status !== null && !isQuoteStatus(status)) {
        res.send(400, { error: 'invalid_request', details: [{ field: 'status', message: `must be one of: ${quoteStatuses.join(', ')}` }] });
        return;
      }
      const filter = await customerFilter(req, res);
      if (!filter) return;
      const { customerId } = filter;
      const quotes = await listQuotes(deps.db, { customerId, statuses: status ? [status] : undefined, limit: 200 });
      res.send(200, { quotes: quotes.filter((x) => may(staffActor, 'seeQuote', { customerId: x.customerId })).map(toApiQuote) });
    } catch (err) {
      failed(res, err);
    }
  });

  server.get('/api/quotes/:number', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const parsed = parseDocumentNumber(String(req.params.number ?? ''));
      const quote = parsed?.kind === 'quote' ? await findQuote(deps.db, parsed.number) : null;
      if (!quote || !may(staffActor, 'seeQuote', { customerId: quote.customerId })) {
        res.send(404, { error: 'not_found' });
        return;
      }
      const format = query(req).get('format');
      if (format === null || format === 'json') {
        res.send(200, toApiQuote(quote));
        return;
      }
      if (format !== 'pdf') {
        res.send(400, { error: 'invalid_request', details: [{ field: 'format', message: 'must be one of: json, pdf' }] });
        return;
      }
      const rendered = await (await findDocumentFile(deps.db, quote.number))!.render('pdf');
      res.writeHead(200, { 'Content-Type': rendered.contentType, 'Content-Length': rendered.body.length, 'Content-Disposition': `inline; filename="${rendered.fileName}"` });
      res.end(rendered.body);
    } catch (err) {
      failed(res, err);
    }
  });
}
