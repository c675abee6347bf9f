import crypto from 'node:crypto';
import type restify from 'restify';
import {
  appendActivity,
  appendUnlessDuplicate,
  createConversation,
  DirectLineConversation,
  findAttachment,
  insertAttachment,
  getConversation,
  listActivities,
  setActivityState,
  type StoredActivity,
} from '../../data/directline';
import {
  clientActivityIdOf,
  conversationUpdate,
  forClient,
  invalidActivity,
  stampUserActivity,
} from './activities';
import { deliverToBot } from './botClient';
import type { ChannelContext } from './context';
import { readRawBody } from '../bodyLimit';
import { bearerToken, guarded, jsonBody, sendError } from './http';
import type { VerifiedToken } from './tokens';

/** The Direct Line 3.0 front that Web Chat and botframework-directlinejs talk to (polling, no streaming). */

const BASE = '/v3/directline';
// Generous for a chat message with a card's submitted values, far below anything that could hurt the server.
const MAX_CLIENT_BODY = 256 * 1024;
const MAX_ACTIVITIES_PER_POLL = 100;
// A bank statement of ten thousand entries is about 10 MB.
const MAX_UPLOAD_BODY = 32 * 1024 * 1024;
const MAX_FILES = 10;

export function mountClientRoutes(server: restify.Server, ctx: ChannelContext): void {
  server.post(`${BASE}/tokens/generate`, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const claims = verifiedOrReject(ctx, req, res);
    if (!claims) return;
    res.send(200, ctx.tokens.issue({ userId: claims.userId, name: claims.name, locale: claims.locale }));
  }));

  server.post(`${BASE}/tokens/refresh`, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const claims = verifiedOrReject(ctx, req, res);
    if (!claims) return;
    const { expiresAt: _expiresAt, ...same } = claims;
    res.send(200, { ...ctx.tokens.issue(same), ...(same.conversationId ? { conversationId: same.conversationId } : {}) });
  }));

  server.post(`${BASE}/conversations`, jsonBody(MAX_CLIENT_BODY), guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const claims = verifiedOrReject(ctx, req, res);
    if (!claims) return;
    if (claims.conversationId) {
      // A token already bound to a conversation starts that one again (as the Azure service does).
      const conversation = await owned(ctx, claims, claims.conversationId, res);
      if (conversation) res.send(200, conversationResponse(ctx, claims, conversation.id));
      return;
    }
    const requested = (req.body as any)?.locale;
    const locale = claims.locale ?? (typeof requested === 'string' && requested.length <= 35 ? requested : undefined);
    const conversation: DirectLineConversation = {
      id: crypto.randomBytes(16).toString('base64url'),
      userId: claims.userId,
      locale,
      createdAt: new Date().toISOString(),
    };
    await createConversation(ctx.db, conversation);
    ctx.logger.info({ conversationId: conversation.id, userId: claims.userId }, 'directline conversation started');
    await greetBot(ctx, conversation, claims);
    res.send(201, conversationResponse(ctx, claims, conversation.id));
  }));

  server.get(`${BASE}/conversations/:conversationId`, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const claims = verifiedOrReject(ctx, req, res);
    if (!claims) return;
    const conversation = await owned(ctx, claims, req.params.conversationId, res);
    if (conversation) res.send(200, conversationResponse(ctx, claims, conversation.id));
  }));

  server.post(
    `${BASE}/conversations/:conversationId/activities`,
    jsonBody(MAX_CLIENT_BODY),
    guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
      const claims = verifiedOrReject(ctx, req, res);
      if (!claims) return;
      await acceptUserActivity(ctx, claims, req.params.conversationId, req.body, res);
    }),
  );

  // Web Chat sends a message with files as multipart/form-data: an "activity" part (the message without the files'
  // contentUrl) and one "file" part per file (botframework-directlinejs postMessageWithAttachments).
  server.post(
    `${BASE}/conversations/:conversationId/upload`,
    readRawBody(MAX_UPLOAD_BODY),
    guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
      const claims = verifiedOrReject(ctx, req, res);
      if (!claims) return;
      const userId = new URL(req.url ?? '', 'http://local').searchParams.get('userId');
      if (userId !== null && userId !== claims.userId) return sendError(res, 403, 'BadArgument', 'userId does not match the token');
      const conversation = await owned(ctx, claims, req.params.conversationId, res);
      if (!conversation) return;
      const form = await multipartForm(req);
      if (!form) return sendError(res, 400, 'BadArgument', 'A multipart/form-data body is required');
      let activity: Record<string, any> = { type: 'message' };
      const part = form.get('activity');
      if (part !== null) {
        try {
          activity = JSON.parse(typeof part === 'string' ? part : await part.text());
        } catch {
          return sendError(res, 400, 'BadArgument', 'The activity part is not JSON');
        }
      }
      const files: File[] = [];
      form.forEach((v, name) => {
        if (name !== 'activity' && typeof v !== 'string') files.push(v as File);
      });
      if (files.length === 0 || files.length > MAX_FILES) return sendError(res, 400, 'BadArgument', `1 to ${MAX_FILES} files are required`);
      const described = Array.isArray(activity?.attachments) ? activity.attachments : [];
      const attachments = [];
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const id = crypto.randomBytes(16).toString('base64url');
        const contentType = (file.type || described[i]?.contentType || 'application/octet-stream').slice(0, 255);
        const name = (file.name || described[i]?.name || null)?.slice(0, 255) ?? null;
        await insertAttachment(ctx.db, { id, conversationId: conversation.id, name, contentType, content: Buffer.from(await file.arrayBuffer()) });
        attachments.push({ contentType, name, contentUrl: ctx.attachmentUrl(conversation.id, id) });
      }
      await acceptUserActivity(ctx, claims, conversation.id, { ...activity, type: activity?.type ?? 'message', attachments }, res);
    }),
  );

  // The uploaded file itself, for the bot (and for Web Chat showing it): only with the link's signature.
  server.get(`${BASE}/conversations/:conversationId/attachments/:attachmentId`, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const { conversationId, attachmentId } = req.params;
    const signature = new URL(req.url ?? '', 'http://local').searchParams.get('sig') ?? undefined;
    if (!ctx.isAttachmentSignature(conversationId, attachmentId, signature)) return sendError(res, 403, 'BadArgument', 'Invalid attachment link');
    const file = await findAttachment(ctx.db, conversationId, attachmentId);
    if (!file) return sendError(res, 404, 'BadArgument', 'Attachment not found');
    res.writeHead(200, {
      'Content-Type': file.contentType, 'Content-Length': file.content.length, 'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name ?? 'file')}`,
    });
    res.end(file.content);
  }));

  server.get(`${BASE}/conversations/:conversationId/activities`, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const claims = verifiedOrReject(ctx, req, res);
    if (!claims) return;
    const watermarkParam = new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? '';
    if (watermarkParam && !/^\d{1,15}$/.test(watermarkParam)) return sendError(res, 400, 'BadArgument', 'Invalid watermark');
    const watermark = watermarkParam ? Number(watermarkParam) : 0;
    const conversation = await owned(ctx, claims, req.params.conversationId, res);
    if (!conversation) return;
    const stored = await listActivities(ctx.db, conversation.id, watermark, MAX_ACTIVITIES_PER_POLL);
    const last = stored.length ? stored[stored.length - 1].seq : watermark;
    res.send(200, { activities: stored.map((s) => forClient(s.activity)), watermark: String(last) });
  }));
}

/** A user's activity (typed, or built from an upload) checked, stored once per clientActivityID and handed to the bot. */
async function acceptUserActivity(ctx: ChannelContext, claims: VerifiedToken, conversationId: string, body: any, res: restify.Response): Promise<void> {
  const problem = invalidActivity(body);
  if (problem) return sendError(res, 400, 'BadArgument', problem);
  if (body.from?.id !== undefined && body.from.id !== claims.userId) {
    return sendError(res, 403, 'BadArgument', 'Activity from.id does not match the token');
  }
  const conversation = await owned(ctx, claims, conversationId, res);
  if (!conversation) return;

  const clientActivityId = clientActivityIdOf(body);
  const result = await appendUnlessDuplicate(ctx.db, {
    conversationId: conversation.id,
    state: 'sending',
    fromId: claims.userId,
    dedupeId: clientActivityId,
    build: (id) =>
      stampUserActivity(body, {
        id,
        conversationId: conversation.id,
        user: { id: claims.userId, name: claims.name },
        bot: ctx.bot,
        locale: conversation.locale ?? claims.locale,
      }),
  });
  if (!result.appended) {
    // A retried send. One still 'sending' was accepted but perhaps never processed (a crash in between): deliver it
    // again; the bot's turn guard runs an activity id once, so a first attempt still under way has no second effect.
    if (result.existing.state === 'sending') {
      const delivered = await deliverStored(ctx, result.existing);
      if (!delivered) return sendError(res, 502, 'BotError', 'The bot did not accept the activity');
    }
    res.send(200, { id: result.existing.id });
    return;
  }
  const { stored } = result;
  if (!(await deliverStored(ctx, stored))) return sendError(res, 502, 'BotError', 'The bot did not accept the activity');
  res.send(200, { id: stored.id });
}

/** The multipart body as a FormData, read by the platform's own parser (undici's Request), or null if it is none. */
async function multipartForm(req: restify.Request): Promise<FormData | null> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data;/i.test(type) || !Buffer.isBuffer(req.body)) return null;
  try {
    return await new Request('http://local/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
  } catch {
    return null;
  }
}

const inFlightByChannel = new WeakMap<ChannelContext, Set<string>>();
function inFlightOf(ctx: ChannelContext): Set<string> {
  let set = inFlightByChannel.get(ctx);
  if (!set) inFlightByChannel.set(ctx, (set = new Set()));
  return set;
}

/**
 * Hands a stored user activity to the bot and settles its state: 'sent' once the bot took it, 'failed' when it
 * refused or was not reachable (a retry then appends it anew). A crash before settling leaves it 'sending', which a
 * retry or the next start delivers again.
 */
export async function deliverStored(ctx: ChannelContext, stored: StoredActivity): Promise<boolean> {
  const inFlight = inFlightOf(ctx);
  const key = `${stored.conversationId}\n${stored.id}`;
  // Already on its way from this process: the retry waits for nothing and causes nothing.
  if (inFlight.has(key)) return true;
  inFlight.add(key);
  let delivery: Awaited<ReturnType<typeof deliverToBot>>;
  try {
    delivery = await deliverToBot(ctx.botEndpoint(), { ...stored.activity, serviceUrl: ctx.connectorServiceUrl() });
  } finally {
    inFlight.delete(key);
  }
  if (!delivery.ok) {
    await setActivityState(ctx.db, stored.conversationId, stored.id, 'failed');
    ctx.logger.warn({ conversationId: stored.conversationId, activityId: stored.id, reason: delivery.reason }, 'directline bot delivery failed');
    return false;
  }
  await setActivityState(ctx.db, stored.conversationId, stored.id, 'sent');
  return true;
}

/** The verified token of the request, or undefined after answering 401/403. */
function verifiedOrReject(ctx: ChannelContext, req: restify.Request, res: restify.Response): VerifiedToken | undefined {
  const token = bearerToken(req);
  if (!token) {
    sendError(res, 401, 'TokenMissing', 'A bearer token is required');
    return undefined;
  }
  const claims = ctx.tokens.verify(token);
  if (!claims) sendError(res, 403, 'TokenExpired', 'The token is invalid or expired');
  return claims;
}

/**
 * The conversation, when the token may use it: bound to exactly this conversation, or unbound and held by the
 * user who owns it. Otherwise answers 403/404 and returns undefined.
 */
async function owned(
  ctx: ChannelContext,
  claims: VerifiedToken,
  conversationId: string,
  res: restify.Response,
): Promise<DirectLineConversation | undefined> {
  if (claims.conversationId && claims.conversationId !== conversationId) {
    sendError(res, 403, 'BadArgument', 'The token is bound to another conversation');
    return undefined;
  }
  const conversation = await getConversation(ctx.db, conversationId);
  if (!conversation) {
    sendError(res, 404, 'BadArgument', 'Conversation not found');
    return undefined;
  }
  if (conversation.userId !== claims.userId) {
    sendError(res, 403, 'BadArgument', 'The conversation belongs to another user');
    return undefined;
  }
  return conversation;
}

function conversationResponse(ctx: ChannelContext, claims: VerifiedToken, conversationId: string) {
  const { token, expires_in } = ctx.tokens.issue({ userId: claims.userId, name: claims.name, locale: claims.locale, conversationId });
  return { conversationId, token, expires_in };
}

/**
 * Tells the bot that the user and the bot joined, before the client's first poll, so a greeting comes first.
 * A bot that is down does not prevent the conversation: the user may still write once it is up.
 */
async function greetBot(ctx: ChannelContext, conversation: DirectLineConversation, claims: VerifiedToken): Promise<void> {
  const stored = await appendActivity(ctx.db, {
    conversationId: conversation.id,
    state: 'internal',
    fromId: claims.userId,
    build: (id) =>
      conversationUpdate({
        id,
        conversationId: conversation.id,
        user: { id: claims.userId, name: claims.name },
        bot: ctx.bot,
        locale: conversation.locale,
      }),
  });
  const delivery = await deliverToBot(ctx.botEndpoint(), { ...stored.activity, serviceUrl: ctx.connectorServiceUrl() });
  if (!delivery.ok) ctx.logger.warn({ conversationId: conversation.id, reason: delivery.reason }, 'directline conversationUpdate not delivered');
}
