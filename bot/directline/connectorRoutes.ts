import type restify from 'restify';
import {
  appendUnlessDuplicate,
  getActivity,
  getConversation,
  replaceActivity,
  setActivityState,
} from '../../data/directline';
import { botActivityDedupeIdOf, invalidActivity, stampBotActivity } from './activities';
import type { ChannelContext } from './context';
import { guarded, jsonBody, sendError } from './http';

/**
 * The Bot Connector REST service the bot replies to. Reachable only under the secret path segment that is part
 * of the serviceUrl stamped on activities sent to the bot, so nobody else can post into or read a conversation.
 */

const BASE = '/connector/:secret/v3/conversations';
// Bot messages may carry large Adaptive Cards; Teams' own limit is about 100 KB.
const MAX_BOT_BODY = 1024 * 1024;

export function mountConnectorRoutes(server: restify.Server, ctx: ChannelContext): void {
  // Checked before the body is read, so an unauthorised caller cannot make the server buffer anything.
  const onlyBot: restify.RequestHandler = (req, res, next) => {
    if (ctx.isConnectorSecret(req.params?.secret)) return next();
    sendError(res, 403, 'Forbidden', 'Not allowed');
    next(false);
  };

  server.post(BASE, onlyBot, guarded(ctx.logger, async (_req: restify.Request, res: restify.Response) => {
    sendError(res, 501, 'NotImplemented', 'Creating conversations is not supported by this channel');
  }));

  const post = guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const body = req.body;
    const problem = invalidActivity(body);
    if (problem) return sendError(res, 400, 'BadArgument', problem);
    const conversation = await getConversation(ctx.db, req.params.conversationId);
    if (!conversation) return sendError(res, 404, 'BadArgument', 'Conversation not found');
    const result = await appendUnlessDuplicate(ctx.db, {
      conversationId: conversation.id,
      // Trace activities are for the Emulator's inspector; Direct Line never shows them.
      state: body.type === 'trace' ? 'internal' : 'posted',
      fromId: typeof body.from?.id === 'string' ? body.from.id : ctx.bot.id,
      dedupeId: botActivityDedupeIdOf(body),
      build: (id) =>
        stampBotActivity(body, {
          id,
          conversationId: conversation.id,
          bot: ctx.bot,
          user: { id: conversation.userId },
          replyToId: req.params.activityId,
        }),
    });
    // A resent proactive message: the first one is in the conversation, so this one succeeds without a second copy.
    res.send(200, { id: result.appended ? result.stored.id : result.existing.id });
  });
  server.post(`${BASE}/:conversationId/activities`, onlyBot, jsonBody(MAX_BOT_BODY), post);
  server.post(`${BASE}/:conversationId/activities/:activityId`, onlyBot, jsonBody(MAX_BOT_BODY), post);

  server.put(
    `${BASE}/:conversationId/activities/:activityId`,
    onlyBot,
    jsonBody(MAX_BOT_BODY),
    guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
      const body = req.body;
      const problem = invalidActivity(body);
      if (problem) return sendError(res, 400, 'BadArgument', problem);
      const { conversationId, activityId } = req.params;
      const existing = await getActivity(ctx.db, conversationId, activityId);
      if (!existing || existing.state !== 'posted') return sendError(res, 404, 'BadArgument', 'Activity not found');
      const updated = {
        ...stampBotActivity(body, { id: activityId, conversationId, bot: ctx.bot, user: existing.activity.recipient }),
        timestamp: existing.activity.timestamp,
      };
      await replaceActivity(ctx.db, conversationId, activityId, updated);
      res.send(200, { id: activityId });
    }),
  );

  server.del(`${BASE}/:conversationId/activities/:activityId`, onlyBot, guarded(ctx.logger, async (req: restify.Request, res: restify.Response) => {
    const { conversationId, activityId } = req.params;
    const existing = await getActivity(ctx.db, conversationId, activityId);
    if (!existing || existing.state !== 'posted') return sendError(res, 404, 'BadArgument', 'Activity not found');
    await setActivityState(ctx.db, conversationId, activityId, 'deleted');
    res.send(200, {});
  }));
}
