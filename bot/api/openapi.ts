import { absenceResponseSchema, absenceSchema } from './absences';
import { paymentApiPaths, paymentApiSchemas } from './payments';
import { linkIdentitySchema, personIdentitiesSchema } from './people';
import { addressSchema, createOrderSchema, errorSchema, orderSchema, shipmentSchema, transitionSchema } from './schemas';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes retries safe: the same key with the same body answers the first response again (same status and body, header Idempotent-Replayed: true); the same key with a different body answers 422 idempotency_key_reused. Keys are scoped per API key and operation: the same key under the shop key and under the staff key are two different requests. An empty key answers 400.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/** Answers of the edge in front of every route (bot/bodyLimit.ts, bot/rateLimit.ts). */
const limited = {
  429: { ...error('Too many requests from this address or with this key; retry after the seconds in Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};
const withBody = {
  ...limited,
  415: error('The body carries a Content-Encoding; send it uncompressed.'),
};

const orderNumber = { name: 'number', in: 'path', required: true, schema: { type: 'string' }, examples: { first: { value: '1001' } } };

/** The OpenAPI 3.1 description of the order REST API, served at /api/openapi.json. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Auftragsbot order API',
    version: '1.0.0',
    description: 'Orders from an online shop or warehouse system. Money is in integer euro cents; dates are YYYY-MM-DD in Europe/Berlin.',
  },
  security: [{ shopKey: [] }, { staffKey: [] }],
  paths: {
    '/api/orders': {
      post: {
        operationId: 'createOrder',
        summary: 'Place an order for a customer account',
        description: 'Validated and checked like an order from the chat: priced from the catalog, stock reserved, then confirmed or put on hold (credit). No partial order is ever written.',
        security: [{ shopKey: [] }, { staffKey: [] }],
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref('CreateOrderRequest')) },
        responses: {
          201: { description: 'The order was placed (status confirmed or on_hold).', content: json(ref('Order')) },
          400: error('The body is not valid JSON or does not match the schema; details name each field.'),
          401: error('Missing or wrong API key.'),
          422: error('Unknown customer or SKU, out of stock without a backorder choice, a date in the past or beyond the planning horizon, more of one product than one order may hold (quantity_over_limit), production that would end beyond the planning horizon (beyond_planning_horizon), or an Idempotency-Key reused with another body.'),
          ...withBody,
        },
      },
    },
    '/api/orders/{number}': {
      get: {
        operationId: 'getOrder',
        summary: 'An order with its lines, status, history and shipments',
        security: [{ shopKey: [] }, { staffKey: [] }],
        parameters: [orderNumber],
        responses: {
          200: { description: 'The order.', content: json(ref('Order')) },
          401: error('Missing or wrong API key.'),
          404: error('No such order.'),
          ...limited,
        },
      },
    },
    '/api/invoices': {
      get: {
        operationId: 'listInvoices',
        summary: 'Invoices and cancellation invoices, newest first',
        security: [{ staffKey: [] }],
        parameters: [
          { name: 'customerNumber', in: 'query', required: false, schema: { type: 'string' }, examples: { mueller: { value: '10001' } } },
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'overdue'] }, description: 'open: issued and not fully paid; overdue: open and past the due date.' },
        ],
        responses: {
          200: { description: 'The invoices.', content: json({ type: 'object', required: ['invoices'], properties: { invoices: { type: 'array', items: ref('Invoice') } } }) },
          400: error('An unknown status.'),
          401: error('Missing or wrong API key (invoices need the staff key).'),
          422: error('Unknown customer.'),
        },
      },
    },
    '/api/invoices/{number}': {
      get: {
        operationId: 'getInvoice',
        summary: 'An invoice (RE-…) or cancellation invoice (ST-…) as issued: JSON, or its file',
        security: [{ staffKey: [] }],
        parameters: [
          { name: 'number', in: 'path', required: true, schema: { type: 'string' }, examples: { first: { value: 'RE-2026-0001' } } },
          {
            name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'pdf', 'zugferd', 'xrechnung'] },
            description: 'json (default); pdf: the printed invoice; zugferd: the PDF/A-3 with its EN 16931 XML (Factur-X); xrechnung: XRechnung CII XML.',
          },
        ],
        responses: {
          200: {
            description: 'The invoice.',
            content: { ...json(ref('Invoice')), 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } }, 'application/xml': { schema: { type: 'string' } } },
          },
          400: error('An unknown format.'),
          401: error('Missing or wrong API key (invoices need the staff key).'),
          404: error('No such invoice.'),
        },
      },
    },
    '/api/quotes': {
      get: {
        operationId: 'listQuotes',
        summary: 'Quotes (AN-…), newest first',
        security: [{ staffKey: [] }],
        parameters: [
          { name: 'customerNumber', in: 'query', required: false, schema: { type: 'string' }, examples: { cafe: { value: '10002' } } },
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['draft', 'sent', 'accepted', 'rejected', 'expired'] } },
        ],
        responses: {
          200: { description: 'The quotes.', content: json({ type: 'object', required: ['quotes'], properties: { quotes: { type: 'array', items: ref('Quote') } } }) },
          400: error('An unknown status.'),
          401: error('Missing or wrong API key (quotes need the staff key).'),
          422: error('Unknown customer.'),
        },
      },
    },
    '/api/quotes/{number}': {
      get: {
        operationId: 'getQuote',
        summary: 'A quote as made: JSON, or its PDF',
        security: [{ staffKey: [] }],
        parameters: [
          { name: 'number', in: 'path', required: true, schema: { type: 'string' }, examples: { first: { value: 'AN-2026-0001' } } },
          { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'pdf'] } },
        ],
        responses: {
          200: { description: 'The quote.', content: { ...json(ref('Quote')), 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } },
          400: error('An unknown format.'),
          401: error('Missing or wrong API key (quotes need the staff key).'),
          404: error('No such quote.'),
        },
      },
    },
    '/api/orders/{number}/transitions': {
      post: {
        operationId: 'transitionOrder',
        summary: 'Move an order one step in its lifecycle',
        security: [{ staffKey: [] }],
        parameters: [orderNumber, idempotencyKey],
        requestBody: { required: true, content: json(ref('TransitionRequest')) },
        responses: {
          200: { description: 'The order after the step.', content: json(ref('Order')) },
          400: error('Invalid body.'),
          401: error('Missing or wrong API key.'),
          403: error('The shop key may not change orders.'),
          404: error('No such order.'),
          409: error('illegal_transition (with reasonCode and the allowed steps) or conflict (the order changed meanwhile).'),
          422: error('Idempotency-Key reused with another body.'),
          ...withBody,
        },
      },
    },
    '/api/orders/{number}/shipments': {
      post: {
        operationId: 'recordShipment',
        summary: 'Record a (partial) shipment with carrier and tracking number; creates a delivery note',
        security: [{ staffKey: [] }],
        parameters: [orderNumber, idempotencyKey],
        requestBody: { required: true, content: json(ref('ShipmentRequest')) },
        responses: {
          201: { description: 'The shipment and the order after it.', content: json(ref('ShipmentResponse')) },
          400: error('Invalid body.'),
          401: error('Missing or wrong API key.'),
          403: error('The shop key may not change orders.'),
          404: error('No such order.'),
          409: error('illegal_transition (the order is not ready to ship), conflict, or insufficient_stock.'),
          422: error('Lines unknown, not shippable or more than remains to ship; or Idempotency-Key reused with another body.'),
          ...withBody,
        },
      },
    },
    '/api/absences': {
      post: {
        operationId: 'recordAbsence',
        summary: 'Record that a technician or consultant is away (sick, vacation); lists the appointments it hits',
        security: [{ staffKey: [] }],
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref('AbsenceRequest')) },
        responses: {
          200: { description: 'The same absence was recorded before.', content: json(ref('AbsenceResponse')) },
          201: { description: 'Recorded; sales are told of the affected appointments.', content: json(ref('AbsenceResponse')) },
          400: error('Invalid body.'),
          401: error('Missing or wrong API key.'),
          403: error('The shop key may not record absences.'),
          422: error('Unknown resource, the end before the start, or Idempotency-Key reused with another body.'),
        },
      },
    },
    ...paymentApiPaths,
    '/api/people/{id}/identities': {
      post: {
        operationId: 'linkIdentity',
        summary: 'Link a channel identity (a Teams user by Entra object id and tenant) to a person',
        description: 'Someone not linked sees no business data in the chat. A retry of the same link answers 200; an identity linked to someone else is never moved (409).',
        security: [{ adminKey: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The person.', examples: { mueller: { value: 1 } } }],
        requestBody: { required: true, content: json(ref('LinkIdentityRequest')) },
        responses: {
          200: { description: 'It was linked to this person already.', content: json(ref('PersonIdentities')) },
          201: { description: 'Linked.', content: json(ref('PersonIdentities')) },
          400: error('The body is not JSON or does not match the schema; details name each field.'),
          401: error('Missing or wrong admin API key (ADMIN_API_KEY).'),
          404: error('No such person.'),
          409: error('identity_linked_to_other_person: the identity belongs to another person (personId in the answer).'),
          ...withBody,
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        security: [],
        responses: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    securitySchemes: {
      shopKey: { type: 'http', scheme: 'bearer', description: 'SHOP_API_KEY: create and read orders.' },
      staffKey: { type: 'http', scheme: 'bearer', description: 'STAFF_API_KEY: everything, acting as sales staff.' },
      adminKey: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY: linking people to their channel identities.' },
    },
    schemas: {
      Address: addressSchema,
      CreateOrderRequest: createOrderSchema,
      TransitionRequest: transitionSchema,
      ShipmentRequest: shipmentSchema,
      AbsenceRequest: absenceSchema,
      AbsenceResponse: absenceResponseSchema,
      Order: orderSchema,
      ShipmentResponse: {
        type: 'object',
        required: ['deliveryNote', 'order'],
        properties: { deliveryNote: { type: 'object', properties: { number: { type: 'string', examples: ['LS-1001'] } } }, order: ref('Order') },
      },
      Invoice: {
        type: 'object',
        required: ['number', 'kind', 'status', 'orderNumber', 'issueDate', 'netCents', 'vatCents', 'grossCents', 'openCents', 'lines', 'totalsByRate'],
        properties: {
          number: { type: 'string', examples: ['RE-2026-0001'] },
          kind: { type: 'string', enum: ['invoice', 'cancellation'] },
          status: { type: 'string', enum: ['issued', 'cancelled'] },
          orderNumber: { type: 'string' },
          customer: { type: 'object', properties: { number: { type: ['string', 'null'] }, name: { type: 'string' } } },
          refersTo: { type: ['string', 'null'], description: 'Cancellations: the invoice they cancel.' },
          cancelledBy: { type: ['string', 'null'] },
          issueDate: { type: 'string', format: 'date' },
          dueDate: { type: ['string', 'null'], format: 'date' },
          locale: { type: 'string', enum: ['de', 'en'] },
          netCents: { type: 'integer' }, vatCents: { type: 'integer' }, grossCents: { type: 'integer' }, paidCents: { type: 'integer' }, openCents: { type: 'integer' },
          lines: { type: 'array', items: { type: 'object' } },
          totalsByRate: { type: 'array', items: { type: 'object', properties: { rate: { type: 'integer' }, netCents: { type: 'integer' }, vatCents: { type: 'integer' }, grossCents: { type: 'integer' } } } },
          notes: { type: 'array', items: { type: 'string' } },
        },
      },
      LinkIdentityRequest: linkIdentitySchema,
      PersonIdentities: personIdentitiesSchema,
      Quote: {
        type: 'object',
        required: ['number', 'status', 'issueDate', 'validUntil', 'netCents', 'vatCents', 'grossCents', 'lines', 'totalsByRate'],
        properties: {
          number: { type: 'string', examples: ['AN-2026-0001'] },
          status: { type: 'string', enum: ['draft', 'sent', 'accepted', 'rejected', 'expired'] },
          customer: { type: 'object', properties: { number: { type: ['string', 'null'] }, name: { type: 'string' } } },
          issueDate: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date', description: 'The last day the quote holds.' },
          locale: { type: 'string', enum: ['de', 'en'] },
          requestedBy: { type: 'string', enum: ['sales', 'customer'] },
          orderNumber: { type: ['string', 'null'], description: 'Accepted quotes: the order made from it.' },
          netCents: { type: 'integer' }, vatCents: { type: 'integer' }, grossCents: { type: 'integer' },
          documentDiscountBasisPoints: { type: ['integer', 'null'], description: '10 % = 1000.' },
          lines: { type: 'array', items: { type: 'object' } },
          totalsByRate: { type: 'array', items: { type: 'object', properties: { rate: { type: 'integer' }, discountCents: { type: 'integer' }, netCents: { type: 'integer' }, vatCents: { type: 'integer' }, grossCents: { type: 'integer' } } } },
        },
      },
      Error: errorSchema,
      ...paymentApiSchemas,
    },
  },
} as const;
