import crypto from 'node:crypto';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import restify from 'restify';
import type { Db } from '../../data/db';
import { requestHash, runIdempotent, type StoredResponse } from '../../data/idempotency';
import { getOrder, type Actor, type OrderProblem, type OrderView } from '../../data/orders';
import { placeOrder, transitionOrder, recordShipment } from '../../operations';
import { shipmentResultText, transitionResultText } from '../../dialogs/resultTexts';
import { findCustomerByNumber } from '../../data/parties';
import { may } from '../../domain/permissions';
import type { OrderStatus } from '../../domain/lifecycle';
import type { OrderLimits } from '../../domain/order';
import { openApiDocument } from './openapi';
import { createOrderSchema, MULTI_LINE_TEXT, shipmentSchema, SINGLE_LINE_TEXT, transitionSchema } from './schemas';

export interface OrderApiDeps {
  db: Db;
  /** Unset: that kind of key is not accepted at all. */
  shopApiKey: string | undefined;
  staffApiKey: string | undefined;
  /** Bounds on quantities and the planning horizon; the domain's defaults without it. */
  orderLimits?: OrderLimits;
  logger: { error(obj: object, msg?: string): void };
}

export type Principal = 'shop' | 'staff';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv, ['date', 'date-time']);
const validators = {
  createOrder: ajv.compile(createOrderSchema),
  transition: ajv.compile(transitionSchema),
  shipment: ajv.compile(shipmentSchema),
};

/** 'lines/0/quantity' → 'lines[0].quantity', the way clients write the field. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'pattern' && [SINGLE_LINE_TEXT, MULTI_LINE_TEXT].includes(String(error.params.pattern))) return 'must not contain control characters';
  if (error.keyword === 'enum') return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? 'is invalid';
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: StoredResponse };

function invalid(details: { field: string; message: string }[]): StoredResponse {
  return { statusCode: 400, body: { error: 'invalid_request', details } };
}

/** The body as JSON (read by our bodyReader, or already parsed by a server-wide bodyParser), checked against its schema. */
function parseBody<T>(req: restify.Request, validate: ValidateFunction): Parsed<T> {
  let body: unknown = req.body;
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    if (!body.trim()) return { ok: false, response: invalid([{ field: '', message: 'a JSON body is required' }]) };
    try {
      body = JSON.parse(body);
    } catch {
      return { ok: false, response: invalid([{ field: '', message: 'the body is not valid JSON' }]) };
    }
  }
  if (body === undefined) return { ok: false, response: invalid([{ field: '', message: 'a JSON body is required' }]) };
  if (!validate(body)) {
    const seen = new Set<string>();
    const details = (validate.errors ?? [])
      .map((e) => ({ field: fieldOf(e), message: messageOf(e) }))
      .filter((d) => !seen.has(`${d.field}|${d.message}`) && seen.add(`${d.field}|${d.message}`));
    return { ok: false, response: invalid(details) };
  }
  return { ok: true, value: body as T };
}

function sameSecret(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  // Compare digests so the comparison takes the same time whatever the lengths.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Which key a request carries (compared in constant time), or null. */
export function principalOf(req: restify.Request, deps: Pick<OrderApiDeps, 'shopApiKey' | 'staffApiKey'>): Principal | null {
  const match = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '');
  if (!match) return null;
  const key = match[1].trim();
  if (sameSecret(key, deps.staffApiKey)) return 'staff';
  if (sameSecret(key, deps.shopApiKey)) return 'shop';
  return null;
}

/** The shop acts as the system (create and read only); the staff key acts as sales staff. Both on channel 'rest'. */
function actorOf(principal: Principal): Actor {
  return { personId: null, role: principal === 'staff' ? 'sales' : 'system', customerId: null, channel: 'rest' };
}

/** The public shape of an order: numbers, not database ids. */
export function toApiOrder(order: OrderView) {
  return {
    number: order.number,
    status: order.status,
    version: order.version,
    customer: { number: order.customer.number, name: order.customer.name },
    lines: order.lines,
    totals: order.totals,
    deliveryAddress: order.deliveryAddress,
    requestedDate: order.requestedDate,
    promisedDate: order.promisedDate,
    backorderChoice: order.backorderChoice,
    holdReason: order.holdReason,
    channel: order.channel,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    history: order.history.map(({ from, to, actorRole, channel, reason, details, at }) => ({ from, to, actorRole, channel, reason, details, at })),
    shipments: order.shipments.map(({ deliveryNoteNumber, carrier, trackingNumber, lines, createdAt }) => ({ deliveryNoteNumber, carrier, trackingNumber, lines, createdAt })),
    serviceBookings: order.serviceBookings,
  };
}

interface CreateOrderBody {
  customerNumber: string;
  lines: { sku: string; quantity: number }[];
  deliveryAddress?: { name: string; street: string; postcode: string; city: string; country: string };
  requestedDate?: string;
  backorder?: 'backorder' | 'partial';
}

/** Problems speak of the request's fields (customerNumber, lines[i].sku), not of internal ids. */
function apiProblems(problems: OrderProblem[], body: CreateOrderBody) {
  return problems.map((p) => {
    const { field, ...rest } = p;
    if (p.code === 'unknown_customer' || p.code === 'forbidden') return { ...rest, field: 'customerNumber' };
    if (field === 'sku' || field === 'quantity') {
      const index = body.lines.findIndex((l) => l.sku.trim().toUpperCase() === p.sku?.trim().toUpperCase());
      return { ...rest, field: index >= 0 ? `lines[${index}].${field}` : 'lines' };
    }
    return field ? { ...rest, field } : rest;
  });
}

async function createOrder(db: Db, principal: Principal, body: CreateOrderBody, limits?: OrderLimits): Promise<StoredResponse> {
  const customer = await findCustomerByNumber(db, body.customerNumber.trim());
  if (!customer) return { statusCode: 422, body: { error: 'unprocessable', problems: [{ code: 'unknown_customer', field: 'customerNumber' }] } };
  const result = await placeOrder(db, actorOf(principal), {
    customerId: customer.id,
    lines: body.lines,
    deliveryAddress: body.deliveryAddress ?? null,
    requestedDate: body.requestedDate ?? null,
    backorderChoice: body.backorder ?? null,
    limits,
  });
  if (!result.ok) return { statusCode: 422, body: { error: 'unprocessable', problems: apiProblems(result.problems, body) } };
  return { statusCode: 201, body: toApiOrder(result.order) };
}

async function transition(db: Db, principal: Principal, number: string, body: { to: OrderStatus; reason?: string; expectedVersion?: number }): Promise<StoredResponse> {
  const result = await transitionOrder(db, actorOf(principal), number, body);
  if (result.ok) return { statusCode: 200, body: toApiOrder(result.order) };
  switch (result.code) {
    case 'not_found':
      return { statusCode: 404, body: { error: 'not_found' } };
    case 'forbidden':
      return { statusCode: 403, body: { error: 'forbidden', reasonCode: result.reasonCode } };
    case 'conflict':
      return { statusCode: 409, body: { error: 'conflict', message: transitionResultText(result, number, 'en', '') } };
    default:
      return { statusCode: 409, body: { error: 'illegal_transition', reasonCode: result.reasonCode, allowed: result.allowed ?? [] } };
  }
}

async function shipment(db: Db, principal: Principal, number: string, body: { carrier: string; trackingNumber: string; lines: { lineNo: number; quantity: number }[] }): Promise<StoredResponse> {
  const result = await recordShipment(db, actorOf(principal), number, body);
  if (result.ok) return { statusCode: 201, body: { deliveryNote: result.deliveryNote, order: toApiOrder(result.order) } };
  switch (result.code) {
    case 'not_found':
      return { statusCode: 404, body: { error: 'not_found' } };
    case 'forbidden':
      return { statusCode: 403, body: { error: 'forbidden' } };
    case 'conflict':
      return { statusCode: 409, body: { error: 'conflict', message: shipmentResultText(result, number, 'en', '') } };
    case 'illegal':
      return { statusCode: 409, body: { error: 'illegal_transition', reasonCode: result.reasonCode, allowed: result.allowed } };
    case 'insufficient_stock':
      return { statusCode: 409, body: { error: 'insufficient_stock', problems: [{ code: 'insufficient_stock', lineNo: result.lineNo, sku: result.sku, available: result.available }] } };
    case 'invalid_lines':
      return { statusCode: 422, body: { error: 'unprocessable', problems: result.problems } };
    case 'invoice_incomplete':
      return { statusCode: 422, body: { error: 'invoice_incomplete', missing: result.missing } };
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Mounts the order REST routes. Writes honour an Idempotency-Key: the key, the request's hash and the response
 * are stored in the transaction of the write itself, so a retry can never cause a second effect.
 */
export function mountOrderApi(server: restify.Server, deps: OrderApiDeps): void {
  const readBody = restify.plugins.bodyReader({ maxBodySize: 256 * 1024 });

  const handle = (
    options: { staffOnly: boolean; operation: string; validate?: ValidateFunction },
    run: (db: Db, principal: Principal, req: restify.Request, body: any) => Promise<StoredResponse>,
  ) => {
    const respond = async (req: restify.Request, res: restify.Response): Promise<StoredResponse> => {
      const principal = principalOf(req, deps);
      if (!principal) {
        res.header('WWW-Authenticate', 'Bearer');
        return { statusCode: 401, body: { error: 'unauthorized', message: 'Send the API key as "Authorization: Bearer <key>".' } };
      }
      // Moving and shipping orders is staff work: the shop key acts as the system, which may create and read only.
      if (options.staffOnly && !may(actorOf(principal), 'workOrders')) return { statusCode: 403, body: { error: 'forbidden', message: 'This needs the staff API key.' } };
      let body: unknown;
      if (options.validate) {
        const parsed = parseBody(req, options.validate);
        if (!parsed.ok) return parsed.response;
        body = parsed.value;
      }
      // Read raw: req.header() turns an empty value into undefined, and an empty key must answer 400, not be ignored.
      const sent = req.headers['idempotency-key'];
      const key = Array.isArray(sent) ? sent.join(',') : sent;
      if (key === undefined || !options.validate) return run(deps.db, principal, req, body);
      if (!KEY.test(key)) return invalid([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
      const result = await runIdempotent(
        deps.db,
        { scope: `${principal}:${options.operation}`, key, hash: requestHash({ params: req.params ?? {}, body }) },
        (trx) => run(trx, principal, req, body),
      );
      if ('mismatch' in result) {
        return { statusCode: 422, body: { error: 'idempotency_key_reused', message: 'This Idempotency-Key was used with a different request.' } };
      }
      if (result.replayed) res.header('Idempotent-Replayed', 'true');
      return result;
    };
    return async (req: restify.Request, res: restify.Response): Promise<void> => {
      let response: StoredResponse;
      try {
        response = await respond(req, res);
      } catch (err) {
        deps.logger.error({ err, route: options.operation }, 'order API request failed');
        response = { statusCode: 500, body: { error: 'internal', message: 'Something went wrong; the request can be retried.' } };
      }
      res.send(response.statusCode, response.body);
    };
  };

  server.post('/api/orders', readBody,
    handle({ staffOnly: false, operation: 'createOrder', validate: validators.createOrder }, (db, principal, _req, body) => createOrder(db, principal, body, deps.orderLimits)));

  server.get('/api/orders/:number',
    handle({ staffOnly: false, operation: 'getOrder' }, async (db, principal, req) => {
      const order = await getOrder(db, actorOf(principal), String(req.params.number));
      return order ? { statusCode: 200, body: toApiOrder(order) } : { statusCode: 404, body: { error: 'not_found' } };
    }));

  server.post('/api/orders/:number/transitions', readBody,
    handle({ staffOnly: true, operation: 'transitionOrder', validate: validators.transition }, (db, principal, req, body) => transition(db, principal, String(req.params.number), body)));

  server.post('/api/orders/:number/shipments', readBody,
    handle({ staffOnly: true, operation: 'recordShipment', validate: validators.shipment }, (db, principal, req, body) => shipment(db, principal, String(req.params.number), body)));

  server.get('/api/openapi.json', async (_req: restify.Request, res: restify.Response): Promise<void> => {
    res.send(200, openApiDocument);
  });
}
