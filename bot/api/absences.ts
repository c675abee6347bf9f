import type { Db } from '../../data/db';
import type { StoredResponse } from '../../data/idempotency';
import type { Actor } from '../../data/orders';
import { recordAbsence, type AbsenceReason } from '../../operations';

/** POST /api/absences: a resource (technician, consultant) is away on these Berlin days. */
export const absenceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['resourceId', 'from', 'reason'],
  properties: {
    resourceId: { type: 'string', minLength: 1, maxLength: 50, examples: ['tom-richter'] },
    from: { type: 'string', format: 'date', description: 'First day away (YYYY-MM-DD, Berlin).' },
    to: { type: 'string', format: 'date', description: 'Last day away, inclusive; default: from.' },
    reason: { type: 'string', enum: ['sick', 'vacation', 'other'] },
  },
} as const;

export const absenceResponseSchema = {
  type: 'object',
  required: ['absenceId', 'resourceId', 'from', 'to', 'created', 'affected'],
  properties: {
    absenceId: { type: 'integer' },
    resourceId: { type: 'string' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    created: { type: 'boolean', description: 'false: the same absence was recorded before.' },
    affected: {
      type: 'array',
      description: 'Booked appointments the absence hits; sales get them listed with a one-click offer of new slots.',
      items: {
        type: 'object',
        properties: { orderNumber: { type: 'string' }, sku: { type: 'string' }, start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, customerName: { type: 'string' } },
      },
    },
  },
} as const;

/** The REST answer of recording an absence (201 new, 200 already recorded). */
export async function absenceResponse(db: Db, actor: Actor, body: { resourceId: string; from: string; to?: string; reason: AbsenceReason }): Promise<StoredResponse> {
  const result = await recordAbsence(db, actor, { resourceId: body.resourceId, from: body.from, to: body.to ?? null, reason: body.reason });
  if (result.ok) {
    const { absenceId, resourceId, from, to, created, affected } = result;
    return { statusCode: created ? 201 : 200, body: { absenceId, resourceId, from, to, created, affected } };
  }
  if (result.code === 'forbidden') return { statusCode: 403, body: { error: 'forbidden' } };
  if (result.code === 'unknown_resource') return { statusCode: 422, body: { error: 'unprocessable', problems: [{ code: 'unknown_resource', field: 'resourceId' }] } };
  return { statusCode: 422, body: { error: 'unprocessable', problems: [{ code: result.code, field: result.code === 'range_invalid' ? 'to' : 'from' }] } };
}
