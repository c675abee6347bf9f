import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';

/*
 * The one schema every activity posted to /api/messages must match before it reaches a turn, the way the REST
 * bodies are checked (bot/api/schemas.ts): what the bot's handlers rely on, and nothing a legitimate Web Chat or
 * Teams activity leaves out. Unknown fields pass (channels add their own); the card payloads the bot's own cards
 * send (data.action "staff.*", "order.*", "reschedule.*") are checked field by field.
 */

/** Text a person typed: no control characters but tab and line breaks (a NUL byte breaks PostgreSQL). */
const TYPED_TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const id = { type: 'string', maxLength: 1024 } as const;
const account = {
  type: 'object',
  properties: { id, name: { type: ['string', 'null'], maxLength: 1024 }, aadObjectId: { type: 'string', maxLength: 256 }, role: { type: ['string', 'null'] } },
} as const;
const member = { ...account, required: ['id'] } as const;
const orderNumber = { type: ['string', 'integer'], pattern: '^\\d{1,12}$', maximum: 999_999_999_999 } as const;
const version = { type: ['integer', 'string'], pattern: '^\\d{1,9}$', minimum: 0, maximum: 999_999_999 } as const;
const shortText = { type: 'string', maxLength: 500, pattern: TYPED_TEXT } as const;

/** The data of a card button of ours, by its action; any other action name passes and is answered as not understood. */
const cardData = {
  type: 'object',
  properties: { action: { type: 'string', maxLength: 100 } },
  allOf: [
    {
      if: { properties: { action: { const: 'staff.page' } }, required: ['action'] },
      then: {
        required: ['list'],
        properties: {
          offset: { type: ['integer', 'string'], pattern: '^\\d{1,6}$', minimum: 0, maximum: 100_000 },
          list: {
            type: 'object',
            required: ['kind'],
            oneOf: [
              { properties: { kind: { const: 'queue' }, queue: { enum: ['open', 'on_hold', 'ship_today'] } }, required: ['queue'] },
              { properties: { kind: { const: 'late' } } },
              { properties: { kind: { const: 'customer' }, customerId: { type: 'integer', minimum: 1 }, name: shortText }, required: ['customerId'] },
            ],
          },
        },
      },
    },
    {
      if: { properties: { action: { enum: ['staff.open', 'staff.transition', 'staff.shipForm', 'staff.ship'] } }, required: ['action'] },
      then: { required: ['order'], properties: { order: orderNumber, version, to: { type: 'string', maxLength: 40 }, carrier: shortText, trackingNumber: shortText } },
    },
    {
      if: { properties: { action: { const: 'reschedule.slot' } }, required: ['action'] },
      then: { required: ['order', 'sku', 'start'], properties: { order: orderNumber, sku: shortText, start: shortText } },
    },
    {
      if: { properties: { action: { enum: ['order.customer', 'order.slot', 'order.stock', 'order.product'] } }, required: ['action'] },
      then: { properties: { customer: shortText, start: shortText, choice: shortText, sku: shortText } },
    },
  ],
} as const;

export const incomingActivitySchema = {
  type: 'object',
  required: ['type', 'channelId', 'conversation', 'serviceUrl'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    id,
    channelId: { type: 'string', minLength: 1, maxLength: 64 },
    serviceUrl: { type: 'string', minLength: 1, maxLength: 2048 },
    conversation: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 1024 } } },
    from: account,
    recipient: account,
    text: { type: ['string', 'null'], maxLength: 28_000, pattern: TYPED_TEXT },
    locale: { type: ['string', 'null'], maxLength: 35 },
    name: { type: ['string', 'null'], maxLength: 256 },
    replyToId: { type: ['string', 'null'], maxLength: 1024 },
    channelData: { type: ['object', 'null'] },
    membersAdded: { type: 'array', maxItems: 1000, items: member },
    membersRemoved: { type: 'array', maxItems: 1000, items: member },
    attachments: { type: 'array', maxItems: 50, items: { type: 'object' } },
    entities: { type: 'array', maxItems: 100, items: { type: 'object' } },
  },
  allOf: [
    {
      // Action.Submit: the button's data arrives as the message's value.
      if: { properties: { type: { const: 'message' }, value: { type: 'object' } }, required: ['type', 'value'] },
      then: { properties: { value: cardData } },
    },
    {
      // Action.Execute (Teams Universal Actions).
      if: { properties: { type: { const: 'invoke' }, name: { const: 'adaptiveCard/action' } }, required: ['type', 'name'] },
      then: {
        required: ['value'],
        properties: {
          value: {
            type: 'object',
            required: ['action'],
            properties: {
              action: {
                type: 'object',
                required: ['type'],
                properties: { type: { type: 'string' }, verb: { type: 'string', maxLength: 256 }, data: cardData },
              },
            },
          },
        },
      },
    },
  ],
} as const;

const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false, allowUnionTypes: true });
const validate = ajv.compile(incomingActivitySchema);

export type ActivityCheck =
  | { ok: true }
  /** addressable: the activity names a conversation and a serviceUrl, so the user can be answered politely. */
  | { ok: false; addressable: boolean; problem: string };

function describe(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`;
}

/** Whether an incoming activity may run a turn; a refused one is never handed to the dialogs. */
export function checkIncomingActivity(body: unknown): ActivityCheck {
  if (validate(body)) return { ok: true };
  const a = body as { conversation?: { id?: unknown }; serviceUrl?: unknown; channelId?: unknown; type?: unknown } | null;
  const addressable =
    !!a && typeof a === 'object' && typeof a.conversation?.id === 'string' && !!a.conversation.id &&
    typeof a.serviceUrl === 'string' && !!a.serviceUrl && typeof a.channelId === 'string' && typeof a.type === 'string';
  return { ok: false, addressable, problem: describe(validate.errors![0]) };
}
