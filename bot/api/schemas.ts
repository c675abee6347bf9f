import { orderStatuses } from '../../domain/lifecycle';
import { MAX_LINE_QUANTITY } from '../../domain/order';

/*
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the REST bodies. The same objects validate requests
 * (ajv) and are published in /api/openapi.json, so the document cannot drift from what the server accepts.
 */

/** No control characters in a one-line text: a NUL byte, for one, is refused by PostgreSQL and would answer 500. */
export const SINGLE_LINE_TEXT = '^[^\\u0000-\\u001F\\u007F]*$';
/** Free text may keep tabs and line breaks, nothing else below a space. */
export const MULTI_LINE_TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

const text = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', minLength: 1, maxLength, pattern: SINGLE_LINE_TEXT, ...extra });

export const addressSchema = {
  type: 'object',
  description: 'Delivery address; omit it to deliver to the customer account\'s address.',
  required: ['name', 'street', 'postcode', 'city', 'country'],
  additionalProperties: false,
  properties: {
    name: text(200),
    street: text(200),
    postcode: text(20, { description: 'Five digits for Germany.' }),
    city: text(100),
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. DE.' },
  },
} as const;

export const createOrderSchema = {
  type: 'object',
  required: ['customerNumber', 'lines'],
  additionalProperties: false,
  properties: {
    customerNumber: text(20, { examples: ['10001'] }),
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        additionalProperties: false,
        properties: {
          sku: text(50, { examples: ['PAPER-A4'] }),
          quantity: { type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY },
        },
      },
    },
    deliveryAddress: addressSchema,
    requestedDate: { type: 'string', format: 'date', description: 'Wished delivery date: a future working day (Berlin).' },
    backorder: {
      type: 'string',
      enum: ['backorder', 'partial'],
      description: 'What to do when stock is short: wait for all goods, or deliver what is there now. Without it a shortage answers 422 out_of_stock.',
    },
  },
} as const;

export const transitionSchema = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', enum: [...orderStatuses] },
    reason: { type: 'string', maxLength: 500, pattern: MULTI_LINE_TEXT, description: 'Required for on_hold and cancelled.' },
    expectedVersion: { type: 'integer', minimum: 1, description: 'The order version the client saw; a different current version answers 409 conflict.' },
  },
} as const;

export const shipmentSchema = {
  type: 'object',
  required: ['carrier', 'trackingNumber', 'lines'],
  additionalProperties: false,
  properties: {
    carrier: text(60, { examples: ['DHL'] }),
    trackingNumber: text(100),
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['lineNo', 'quantity'],
        additionalProperties: false,
        properties: {
          lineNo: { type: 'integer', minimum: 1 },
          quantity: { type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY },
        },
      },
    },
  },
} as const;

const localized = { type: 'object', required: ['de', 'en'], properties: { de: { type: 'string' }, en: { type: 'string' } } } as const;
const dateOrNull = { type: ['string', 'null'], format: 'date' } as const;

/** What the API answers for an order (response only; internal ids are left out). */
export const orderSchema = {
  type: 'object',
  required: ['number', 'status', 'version', 'customer', 'lines', 'totals'],
  properties: {
    number: { type: 'string', examples: ['1001'] },
    status: { type: 'string', enum: [...orderStatuses] },
    version: { type: 'integer', description: 'Changes with every status change; send it back as expectedVersion.' },
    customer: { type: 'object', properties: { number: { type: 'string' }, name: { type: 'string' } } },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          lineNo: { type: 'integer' },
          sku: { type: 'string' },
          name: localized,
          unit: localized,
          kind: { type: 'string', enum: ['goods', 'made_to_order', 'service'] },
          quantity: { type: 'integer' },
          shippedQuantity: { type: 'integer' },
          unitPriceCents: { type: 'integer' },
          vatRate: { type: 'integer', enum: [19, 7, 0] },
          netCents: { type: 'integer' },
        },
      },
    },
    totals: {
      type: 'object',
      description: 'Integer cents; VAT per rate on the summed net of that rate.',
      properties: {
        netCents: { type: 'integer' },
        vatCents: { type: 'integer' },
        grossCents: { type: 'integer' },
        byRate: {
          type: 'array',
          items: { type: 'object', properties: { rate: { type: 'integer' }, netCents: { type: 'integer' }, vatCents: { type: 'integer' } } },
        },
      },
    },
    deliveryAddress: { oneOf: [addressSchema, { type: 'null' }] },
    requestedDate: dateOrNull,
    promisedDate: dateOrNull,
    backorderChoice: { type: ['string', 'null'], enum: ['backorder', 'partial', null] },
    holdReason: { type: ['string', 'null'] },
    channel: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: { type: ['string', 'null'] },
          to: { type: 'string' },
          actorRole: { type: 'string' },
          channel: { type: 'string' },
          reason: { type: ['string', 'null'] },
          details: { type: ['object', 'null'] },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
    shipments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          deliveryNoteNumber: { type: 'string', examples: ['LS-1001'] },
          carrier: { type: 'string' },
          trackingNumber: { type: 'string' },
          lines: { type: 'array', items: { type: 'object', properties: { lineNo: { type: 'integer' }, quantity: { type: 'integer' } } } },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    serviceBookings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string' },
          resourceIds: { type: 'array', items: { type: 'string' } },
          start: { type: 'string', format: 'date-time' },
          end: { type: 'string', format: 'date-time' },
          status: { type: 'string' },
        },
      },
    },
  },
} as const;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'string',
      enum: ['invalid_request', 'unauthorized', 'forbidden', 'not_found', 'unprocessable', 'idempotency_key_reused', 'illegal_transition', 'conflict', 'insufficient_stock', 'internal'],
    },
    message: { type: 'string' },
    details: {
      type: 'array',
      description: 'invalid_request: one entry per wrong field, e.g. lines[0].quantity.',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    problems: {
      type: 'array',
      description: 'unprocessable: what stops the order, e.g. unknown_sku, unknown_customer, out_of_stock (with available, shortBy, restockDate).',
      items: {
        type: 'object',
        required: ['code'],
        properties: {
          code: { type: 'string' },
          field: { type: 'string' },
          sku: { type: 'string' },
          lineNo: { type: 'integer' },
          available: { type: 'integer' },
          shortBy: { type: 'integer' },
          remaining: { type: 'integer' },
          restockDate: { type: ['string', 'null'], format: 'date' },
        },
      },
    },
    reasonCode: { type: 'string', description: 'illegal_transition: why the lifecycle refused the step.' },
    allowed: { type: 'array', items: { type: 'string', enum: [...orderStatuses] }, description: 'illegal_transition: the steps the order may take now.' },
  },
} as const;
