import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationReference,
  TurnContext,
} from 'botbuilder';
import { LocalDirectLine } from '../../bot/directline';
import type { Db } from '../../data/db';

/**
 * A real restify server on 127.0.0.1 with the local Direct Line channel mounted and a tiny echo bot
 * (CloudAdapter without app id) on POST /api/messages. For the channel's own tests.
 */

export const TEST_TOKEN_SECRET = 'directline-test-secret';

export interface EchoBotControls {
  /** While true, /api/messages answers 500 without running the bot. */
  failing: boolean;
  /** Overrides the bot endpoint the channel posts to (e.g. a closed port). */
  endpointOverride?: string;
  /** Conversation references the bot saw, by conversation id (for proactive messages). */
  references: Map<string, Partial<ConversationReference>>;
}

export interface DirectLineHarness {
  baseUrl: string;
  port: number;
  channel: LocalDirectLine;
  adapter: CloudAdapter;
  bot: EchoBotControls;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Listen on this port instead of a free one (a "restarted" server at the same address). */
  port?: number;
  tokenTtlSeconds?: number;
  /** Parse bodies for every route with server.use(bodyParser()), as a hosting server might. */
  globalBodyParser?: boolean;
  /** Shared between harness instances that stand for one server restarted. */
  references?: Map<string, Partial<ConversationReference>>;
}

class EchoBot extends ActivityHandler {
  constructor(controls: EchoBotControls) {
    super();
    this.onTurn(async (context, next) => {
      const ref = TurnContext.getConversationReference(context.activity);
      controls.references.set(context.activity.conversation.id, ref);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        const german = (context.activity.locale ?? '').startsWith('de');
        await context.sendActivity(german ? `Willkommen, ${member.id}!` : `Welcome, ${member.id}!`);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

export async function startDirectLineHarness(db: Db, options: HarnessOptions = {}): Promise<DirectLineHarness> {
  const server = restify.createServer({ handleUncaughtExceptions: false } as any);
  if (options.globalBodyParser) server.use(restify.plugins.bodyParser());
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const controls: EchoBotControls = { failing: false, references: options.references ?? new Map() };
  const bot = new EchoBot(controls);
  let baseUrl = '';
  const channel = new LocalDirectLine({
    db,
    botEndpoint: () => controls.endpointOverride ?? `${baseUrl}/api/messages`,
    serviceUrl: () => baseUrl,
    tokenSecret: TEST_TOKEN_SECRET,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  channel.mount(server);
  const parseForBot = options.globalBodyParser ? [] : [restify.plugins.bodyParser()];
  server.post('/api/messages', ...parseForBot, async (req: restify.Request, res: restify.Response) => {
    if (controls.failing) {
      res.send(500, { error: 'bot down' });
      return;
    }
    await adapter.process(req as any, res as any, (context) => bot.run(context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    port,
    channel,
    adapter,
    bot: controls,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Polling clients keep connections alive; close them so the port is free at once.
        server.server.closeAllConnections();
      });
      // Give keep-alive clients in this process (fetch, the http agent) a moment to see their sockets closed,
      // so a server started on the same port next is not hit through a dead connection.
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}
