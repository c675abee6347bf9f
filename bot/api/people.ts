import crypto from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import restify from 'restify';
import type { Db } from '../../data/db';
import { getPerson, linkChannelIdentity, listChannelIdentities } from '../../data/parties';

/**
 * POST /api/people/{id}/identities (admin key): links a channel identity, e.g. a Teams user by its Entra object id
 * and tenant, to a person. 201 when linked, 200 when it already was (a retry), 409 when it belongs to someone else
 * (never moved silently), 404 for an unknown person, 400 for a wrong body, 401 without the admin key.
 */
export interface PeopleApiDeps {
  db: Db;
  /** Unset: the endpoint answers 401 to everyone. */
  adminApiKey: string | undefined;
  logger: { error(obj: object, msg?: string): void };
}

/** Channel and user ids as Bot Framework channels send them: visible characters, no spaces. */
const ID = '^[\\x21-\\x7E]+$';

export const linkIdentitySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: {
    channelId: { type: 'string', minLength: 1, maxLength: 100, pattern: ID, default: 'msteams' },
    userId: { type: 'string', minLength: 1, maxLength: 255, pattern: ID },
    tenantId: { type: 'string', minLength: 1, maxLength: 100, pattern: ID },
  },
} as const;

/** The answer of a link: the person and every channel identity linked to them. */
export const personIdentitiesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'displayName', 'identities'],
  properties: {
    personId: { type: 'integer' },
    displayName: { type: 'string' },
    identities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['channelId', 'userId', 'tenantId', 'linkedBy'],
        properties: {
          channelId: { type: 'string' },
          userId: { type: 'string' },
          tenantId: { type: ['string', 'null'] },
          linkedBy: { type: ['string', 'null'], description: 'How it was linked: email (automatically), admin (in the chat), api, seed.' },
        },
      },
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true });
const validate = ajv.compile(linkIdentitySchema);

function isAdmin(req: restify.Request, key: string | undefined): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '');
  if (!match || !key) return false;
  const a = crypto.createHash('sha256').update(match[1].trim()).digest();
  const b = crypto.createHash('sha256').update(key).digest();
  return crypto.timingSafeEqual(a, b);
}

export function mountPeopleApi(server: restify.Server, deps: PeopleApiDeps): void {
  const readBody = restify.plugins.bodyReader({ maxBodySize: 16 * 1024 });
  server.post('/api/people/:id/identities', readBody, async (req: restify.Request, res: restify.Response) => {
    try {
      if (!isAdmin(req, deps.adminApiKey)) {
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, { error: 'unauthorized', message: 'Send the admin API key as "Authorization: Bearer <key>".' });
        return;
      }
      const personId = Number(req.params.id);
      if (!Number.isSafeInteger(personId) || personId < 1 || !/^\d+$/.test(String(req.params.id))) {
        res.send(404, { error: 'not_found', message: 'No such person.' });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : JSON.stringify(req.body ?? null));
      } catch {
        res.send(400, { error: 'invalid_request', details: [{ field: '', message: 'must be JSON' }] });
        return;
      }
      if (!validate(body)) {
        res.send(400, {
          error: 'invalid_request',
          details: (validate.errors ?? []).map((e) => ({
            field: e.keyword === 'required' ? String(e.params.missingProperty) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : e.instancePath.slice(1),
            message: e.keyword === 'additionalProperties' ? 'is not a known field' : e.keyword === 'required' ? 'is required' : (e.message ?? 'is invalid'),
          })),
        });
        return;
      }
      const { channelId, userId, tenantId } = body as { channelId: string; userId: string; tenantId?: string };
      const person = await getPerson(deps.db, personId);
      if (!person) {
        res.send(404, { error: 'not_found', message: 'No such person.' });
        return;
      }
      const result = await linkChannelIdentity(deps.db, { channelId, userId, tenantId: tenantId ?? null }, personId, 'api');
      if (!result.linked) {
        if (result.reason === 'no_person') res.send(404, { error: 'not_found', message: 'No such person.' });
        else res.send(409, { error: 'identity_linked_to_other_person', message: 'This identity is linked to another person; unlink it first.', personId: result.personId });
        return;
      }
      res.send(result.created ? 201 : 200, { personId, displayName: person.displayName, identities: await listChannelIdentities(deps.db, personId) });
    } catch (err) {
      deps.logger.error({ err }, 'people API request failed');
      res.send(500, { error: 'internal', message: 'Something went wrong; the request can be retried.' });
    }
  });
}
