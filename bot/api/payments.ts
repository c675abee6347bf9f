import restify from 'restify';
import type { Db } from '../../data/db';
import { listBankEntries } from '../../data/bankEntries';
import { listPayments, type StoredPayment } from '../../data/payments';
import { isValidDate } from '../../domain/calendar';
import type { Actor } from '../../domain/permissions';
import { bookPayment, type BookPaymentResult } from '../../operations/bookPayment';
import { importStatement } from '../../operations/importStatement';
import { reversePayment } from '../../operations/reversePayment';
import { readJsonBody, readTextBody } from '../bodyLimit';
import { staffKeyRoutes } from './staffKey';

export interface PaymentApiDeps {
  db: Db;
  staffApiKey: string | undefined;
  logger: { error(obj: object, msg?: string): void };
}

/**
 * Payments and bank statements are accounting's work: on these routes the staff key acts as an accountant (it is the
 * key of the in-house systems; the shop key has no access).
 */
const accountingActor: Actor = { personId: null, role: 'accountant', customerId: null, channel: 'rest' };

/** A 10,000-entry camt.053 statement is about 8 MB; this route alone reads up to 32 MB. */
export const STATEMENT_MAX_BYTES = 32 * 1024 * 1024;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function toApiPayment(p: StoredPayment) {
  return {
    id: p.id, reference: p.reference, customer: { number: p.customerNumber, name: p.customerName }, source: p.source, amountCents: p.amountCents,
    date: p.paymentDate, payerName: p.payerName, payerIban: p.payerIban, remittance: p.remittance,
    reverses: p.reversesPaymentId, reversedBy: p.reversedByPaymentId, reversalReason: p.reversalReason, allocations: p.allocations,
  };
}

const bookingErrors: Record<Exclude<BookPaymentResult, { ok: true }>['code'], [number, string]> = {
  forbidden: [403, 'Payments are booked by accounting.'],
  customer_unknown: [422, 'Name the customer (customerNumber) or the invoices (invoiceNumbers).'],
  invoice_unknown: [422, 'No such invoice.'],
  several_customers: [422, 'The invoices belong to different customers; book them one by one.'],
  reference_required: [400, 'An Idempotency-Key header is required.'],
  invalid_date: [400, 'date must be YYYY-MM-DD.'],
  not_positive: [400, 'amountCents must be more than 0.'],
  not_cents: [400, 'amountCents must be an integer.'],
  reference_reused: [422, 'This Idempotency-Key was used for another payment.'],
};

/** POST/GET /api/payments, POST /api/payments/{id}/reversal, POST /api/bank-statements, GET /api/bank-entries: staff key. */
export function mountPaymentApi(server: restify.Server, deps: PaymentApiDeps): void {
  const { guard, failed, query, customerFilter } = staffKeyRoutes(deps, 'payments');
  const invalid = (res: restify.Response, field: string, message: string) => res.send(400, { error: 'invalid_request', details: [{ field, message }] });

  server.post('/api/payments', readJsonBody(64 * 1024), async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const key = req.header('idempotency-key');
      if (!key || !IDEMPOTENCY_KEY.test(key)) return void invalid(res, 'Idempotency-Key', 'required: 1 to 255 visible ASCII characters');
      const b = req.body as Record<string, unknown> | undefined;
      if (!b || typeof b !== 'object' || Array.isArray(b)) return void invalid(res, 'body', 'a JSON object is required');
      if (!Number.isSafeInteger(b.amountCents) || (b.amountCents as number) <= 0) return void invalid(res, 'amountCents', 'a positive integer (euro cents)');
      if (b.customerNumber !== undefined && typeof b.customerNumber !== 'string') return void invalid(res, 'customerNumber', 'a string');
      if (b.invoiceNumbers !== undefined && !(Array.isArray(b.invoiceNumbers) && b.invoiceNumbers.every((n) => typeof n === 'string') && b.invoiceNumbers.length <= 100)) {
        return void invalid(res, 'invoiceNumbers', 'an array of invoice numbers');
      }
      if (b.date !== undefined && !isValidDate(b.date)) return void invalid(res, 'date', 'YYYY-MM-DD');
      for (const f of ['payerName', 'payerIban', 'remittance'] as const) {
        if (b[f] !== undefined && (typeof b[f] !== 'string' || (b[f] as string).length > 500)) return void invalid(res, f, 'a string of at most 500 characters');
      }
      const result = await bookPayment(deps.db, accountingActor, {
        reference: `rest:${key}`, amountCents: b.amountCents as number, customerNumber: (b.customerNumber as string) ?? null,
        invoiceNumbers: (b.invoiceNumbers as string[]) ?? [], date: b.date as string | undefined, source: 'rest',
        payerName: (b.payerName as string) ?? null, payerIban: (b.payerIban as string) ?? null, remittance: (b.remittance as string) ?? null,
      });
      if (!result.ok) {
        const [status, message] = bookingErrors[result.code];
        return void res.send(status, { error: result.code, message });
      }
      if (result.duplicate) res.header('Idempotent-Replayed', 'true');
      res.send(result.duplicate ? 200 : 201, {
        payment: toApiPayment(result.payment), creditCents: result.creditCents, customerCreditCents: result.customerCreditCents,
        notOpen: result.notOpen, settledOrders: result.settledOrders,
      });
    } catch (err) {
      failed(res, err);
    }
  });

  server.get('/api/payments', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const filter = await customerFilter(req, res);
      if (!filter) return;
      res.send(200, { payments: (await listPayments(deps.db, { customerId: filter.customerId, limit: 200 })).map(toApiPayment) });
    } catch (err) {
      failed(res, err);
    }
  });

  server.post('/api/payments/:id/reversal', readJsonBody(16 * 1024), async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const id = Number(req.params.id);
      const reason = (req.body as { reason?: unknown } | undefined)?.reason;
      if (!Number.isSafeInteger(id)) return void res.send(404, { error: 'not_found', message: 'No such payment.' });
      if (typeof reason !== 'string' || !reason.trim()) return void invalid(res, 'reason', 'a reason is required');
      const result = await reversePayment(deps.db, accountingActor, { id }, reason);
      if (!result.ok) {
        const status = result.code === 'not_found' ? 404 : result.code === 'forbidden' ? 403 : 409;
        return void res.send(status, { error: result.code, message: `The payment cannot be reversed: ${result.code}.` });
      }
      res.send(201, { payment: toApiPayment(result.payment), reversal: toApiPayment(result.reversal), customerCreditCents: result.customerCreditCents });
    } catch (err) {
      failed(res, err);
    }
  });

  server.post('/api/bank-statements', readTextBody(STATEMENT_MAX_BYTES), async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const file = typeof req.body === 'string' ? req.body : '';
      if (!file.trim()) return void invalid(res, 'body', 'a camt.053 XML statement is required');
      const result = await importStatement(deps.db, accountingActor, file);
      if (!result.ok) {
        if (result.code === 'forbidden') return void res.send(403, { error: 'forbidden', message: 'Statements are imported by accounting.' });
        const { statementRefusalText } = await import('../../formats/camt053');
        const text = statementRefusalText(result.refusal);
        return void res.send(422, { error: result.refusal.reason, message: text.en, messageDe: text.de });
      }
      res.send(200, result.summary);
    } catch (err) {
      failed(res, err);
    }
  });

  server.get('/api/bank-entries', async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!guard(req, res)) return;
    try {
      const status = query(req).get('status') ?? 'doubtful';
      if (!['booked', 'doubtful', 'open', 'ignored'].includes(status)) return void invalid(res, 'status', 'booked, doubtful, open or ignored');
      const entries = await listBankEntries(deps.db, { status: status as 'doubtful', limit: 200 });
      res.send(200, { entries: entries.map((e) => ({ id: e.id, reference: e.reference, status: e.status, amountCents: e.payment.amountCents, direction: e.payment.direction, payerName: e.payment.counterpartyName, remittance: e.payment.remittance, reasons: e.reasons, candidates: e.candidates })) });
    } catch (err) {
      failed(res, err);
    }
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });

/** The payment routes in the OpenAPI document (bot/api/openapi.ts spreads them in). */
export const paymentApiPaths = {
  '/api/payments': {
    post: {
      operationId: 'bookPayment',
      summary: 'Book a received payment (partial, several invoices, overpayment as credit)',
      description: 'Allocated per §366 BGB: only the named invoices, in the order named; without invoiceNumbers the customer’s oldest due invoice first. What is left becomes the customer’s credit. An order whose invoices are all paid moves to paid and closed.',
      security: [{ staffKey: [] }],
      parameters: [{
        name: 'Idempotency-Key', in: 'header', required: true,
        description: 'Required: the payment’s reference. The same key again books nothing and answers the first booking (200, Idempotent-Replayed: true); with another amount 422.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
      }],
      requestBody: { required: true, content: json(ref('PaymentRequest')) },
      responses: {
        201: { description: 'Booked.', content: json(ref('PaymentBooking')) },
        200: { description: 'Booked before under this key (replayed).', content: json(ref('PaymentBooking')) },
        400: error('Missing Idempotency-Key or a field that does not fit.'),
        401: error('Missing or wrong API key (payments need the staff key).'),
        422: error('Unknown customer or invoice, invoices of several customers, or the key reused for another payment.'),
      },
    },
    get: {
      operationId: 'listPayments',
      summary: 'Payments and reversals, newest first',
      security: [{ staffKey: [] }],
      parameters: [{ name: 'customerNumber', in: 'query', required: false, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The payments.', content: json({ type: 'object', properties: { payments: { type: 'array', items: ref('Payment') } } }) },
        401: error('Missing or wrong API key.'),
        422: error('Unknown customer.'),
      },
    },
  },
  '/api/payments/{id}/reversal': {
    post: {
      operationId: 'reversePayment',
      summary: 'Reverse a wrong booking (never deleted): a counter-booking with a reason',
      security: [{ staffKey: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      requestBody: { required: true, content: json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1 } } }) },
      responses: {
        201: { description: 'Reversed; the invoices are open again.', content: json({ type: 'object', properties: { payment: ref('Payment'), reversal: ref('Payment'), customerCreditCents: { type: 'integer' } } }) },
        400: error('No reason.'),
        401: error('Missing or wrong API key.'),
        404: error('No such payment.'),
        409: error('Reversed already, or itself a reversal.'),
      },
    },
  },
  '/api/bank-statements': {
    post: {
      operationId: 'importBankStatement',
      summary: 'Import a camt.053 bank statement (XML, up to 32 MB)',
      description: 'Sure matches are booked, returns reverse what they return, doubtful entries wait for an accountant (GET /api/bank-entries and the chat card). The same statement twice books nothing twice. A malformed file, another format or a currency other than EUR refuses the whole file (422), nothing booked.',
      security: [{ staffKey: [] }],
      requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string' } }, 'text/xml': { schema: { type: 'string' } } } },
      responses: {
        200: { description: 'What was booked.', content: json(ref('StatementImport')) },
        400: error('Empty body.'),
        401: error('Missing or wrong API key.'),
        413: error('More than 32 MB.'),
        422: error('Not readable as a euro camt.053 statement (malformed_xml, not_camt053, wrong_currency, invalid_entry); message in English, messageDe in German.'),
      },
    },
  },
  '/api/bank-entries': {
    get: {
      operationId: 'listBankEntries',
      summary: 'Bank entries by status (default doubtful: waiting for a decision) with their candidates',
      security: [{ staffKey: [] }],
      parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['booked', 'doubtful', 'open', 'ignored'] } }],
      responses: { 200: { description: 'The entries.', content: json({ type: 'object', properties: { entries: { type: 'array', items: { type: 'object' } } } }) }, 401: error('Missing or wrong API key.') },
    },
  },
};

export const paymentApiSchemas = {
  PaymentRequest: {
    type: 'object', required: ['amountCents'], additionalProperties: false,
    properties: {
      amountCents: { type: 'integer', minimum: 1, examples: [23800] },
      customerNumber: { type: 'string', examples: ['10001'] },
      invoiceNumbers: { type: 'array', items: { type: 'string', examples: ['RE-2026-0004'] }, maxItems: 100 },
      date: { type: 'string', format: 'date' },
      payerName: { type: 'string' }, payerIban: { type: 'string' }, remittance: { type: 'string' },
    },
  },
  Payment: {
    type: 'object',
    properties: {
      id: { type: 'integer' }, reference: { type: 'string' }, customer: { type: 'object', properties: { number: { type: 'string' }, name: { type: 'string' } } },
      source: { type: 'string', enum: ['chat', 'rest', 'bank', 'credit'] }, amountCents: { type: 'integer' }, date: { type: 'string', format: 'date' },
      reverses: { type: ['integer', 'null'] }, reversedBy: { type: ['integer', 'null'] }, reversalReason: { type: ['string', 'null'] },
      allocations: { type: 'array', items: { type: 'object', properties: { invoiceNumber: { type: ['string', 'null'] }, cents: { type: 'integer' } } } },
    },
  },
  PaymentBooking: {
    type: 'object',
    properties: {
      payment: ref('Payment'), creditCents: { type: 'integer' }, customerCreditCents: { type: 'integer' },
      notOpen: { type: 'array', items: { type: 'string' } }, settledOrders: { type: 'array', items: { type: 'string' } },
    },
  },
  StatementImport: {
    type: 'object',
    properties: Object.fromEntries(['booked', 'bookedCents', 'reversed', 'doubtful', 'open', 'ignored', 'alreadyImported', 'notBooked'].map((k) => [k, { type: 'integer' }])),
  },
};
