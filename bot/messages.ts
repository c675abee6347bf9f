import { Activity, ActivityTypes, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';
import { ConnectorFactory, JwtTokenValidation, type AuthenticateRequestResult, type BotFrameworkAuthentication, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type restify from 'restify';
import { toLocale, type Locale } from '../domain/locale';
import { commonTexts } from '../dialogs/texts/common';
import { checkIncomingActivity } from './activitySchema';
import type { Logger } from './logger';

/**
 * The messaging endpoint (POST /api/messages): authenticate, check the activity against the edge schema, then run
 * the turn. Authentication runs on its own first, so any failure there (a forged token, the token keys not
 * reachable) answers 401 with the cause only in the log, and a malformed activity never reaches the dialogs: a
 * message gets a polite answer in the user's language, an Action.Execute a Universal Actions error, anything
 * else is acknowledged and dropped. The conversation's state is never touched by either.
 */
export class HostAdapter extends CloudAdapter {
  private readonly connectors = new ConnectorClients();

  constructor(readonly auth: BotFrameworkAuthentication) {
    super(reusingUserTokenClients(auth));
  }

  /** Runs a turn for an activity whose request was already authenticated. */
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(this.connectors.reusedIn(auth), activity, logic);
  }
}

/** Connector clients kept: a handful of service URLs (Teams' regions, the local channel) per bot identity. */
const MAX_CONNECTORS = 64;

/**
 * One Bot Connector client per bot identity, service URL and audience, reused from turn to turn: botbuilder's
 * CloudAdapter builds a new client with its whole HTTP pipeline on every turn, a cost the profile showed on each
 * message. The client holds no per-turn state; its credentials fetch and renew their token themselves.
 */
class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  reusedIn(auth: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!auth.connectorFactory) return auth;
    const appId = JwtTokenValidation.getAppIdFromClaims(auth.claimsIdentity?.claims ?? []) ?? '';
    return { ...auth, connectorFactory: new ReusingConnectorFactory(auth.connectorFactory, appId, auth.audience, this.clients) };
  }
}

/**
 * The same authentication, with one user-token client per bot identity: CloudAdapter makes one on every turn (with
 * its own HTTP pipeline) for sign-in prompts, which this bot does not use.
 */
function reusingUserTokenClients(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  const clients = new Map<string, Promise<UserTokenClient>>();
  const reusing = Object.create(auth) as BotFrameworkAuthentication;
  reusing.createUserTokenClient = (claimsIdentity) => {
    const key = JwtTokenValidation.getAppIdFromClaims(claimsIdentity?.claims ?? []) ?? '';
    let client = clients.get(key);
    if (!client) {
      client = auth.createUserTokenClient(claimsIdentity);
      client.catch(() => clients.delete(key));
      if (clients.size >= MAX_CONNECTORS) clients.delete(clients.keys().next().value as string);
      clients.set(key, client);
    }
    return client;
  };
  return reusing;
}

/** The turn's connector factory, answering from the kept clients and asking the real one only for a new key. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly factory: ConnectorFactory,
    private readonly appId: string,
    private readonly defaultAudience: string | undefined,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? this.defaultAudience ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      client = this.factory.create(serviceUrl, audience);
      client.catch(() => this.clients.delete(key)); // a failed one is not kept
      if (this.clients.size >= MAX_CONNECTORS) this.clients.delete(this.clients.keys().next().value as string);
      this.clients.set(key, client);
    }
    return client;
  }
}

/** The few fields of a refused activity needed to answer it, each only when it has the right type. */
function replyable(body: Record<string, any>): Activity {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const account = (a: any) => (a && typeof a === 'object' && typeof a.id === 'string' ? { id: a.id, name: str(a.name) ?? '' } : { id: '', name: '' });
  return {
    type: ActivityTypes.Message,
    id: str(body.id),
    channelId: body.channelId,
    serviceUrl: body.serviceUrl,
    conversation: { id: body.conversation.id } as Activity['conversation'],
    from: account(body.from),
    recipient: account(body.recipient),
    locale: str(body.locale),
  } as Activity;
}

export function messagesHandler(deps: {
  adapter: HostAdapter;
  logger: Logger;
  logic: (context: TurnContext) => Promise<void>;
  /** The language to answer in: the person's own when known, else the activity's. */
  localeOf?: (activity: Activity) => Promise<Locale>;
}): restify.RequestHandler {
  const { adapter, logger } = deps;
  return async (req, res) => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      res.send(400, { error: 'bad_request', message: 'An activity object is required.' });
      return;
    }
    const activity = body as Record<string, any>;
    const header = req.headers.authorization;
    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.auth.authenticateRequest(activity as Activity, typeof header === 'string' ? header : '');
    } catch (err: any) {
      logger.warn({ error: err?.message ?? String(err), name: err?.name }, 'channel request not authenticated');
      res.send(401, { error: 'unauthorized' });
      return;
    }

    const check = checkIncomingActivity(activity);
    let logic = deps.logic;
    let turnActivity = activity as Activity;
    if (!check.ok) {
      logger.warn({ problem: check.problem, activityType: typeof activity.type === 'string' ? activity.type.slice(0, 64) : typeof activity.type }, 'malformed activity refused');
      if (!check.addressable) {
        res.send(400, { error: 'bad_request', message: 'The activity is malformed.' });
        return;
      }
      if (activity.type === ActivityTypes.Invoke) {
        // The Universal Actions error shape, which Teams shows on the card.
        res.send(200, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'The card action could not be read.' } });
        return;
      }
      if (activity.type !== ActivityTypes.Message) {
        res.send(200);
        return;
      }
      turnActivity = replyable(activity);
      logic = async (context) => {
        const locale = (await deps.localeOf?.(context.activity).catch(() => undefined)) ?? toLocale(context.activity.locale);
        await context.sendActivity(commonTexts(locale, 'unreadableMessage'));
      };
    }

    try {
      const invokeResponse = await adapter.runAuthenticated(auth, turnActivity, logic);
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (err: any) {
      // onTurnError answered the user already where it could; the channel may retry, and the turn guard keeps that to one effect.
      logger.error({ error: err?.message ?? String(err), activityId: typeof activity.id === 'string' ? activity.id : undefined }, 'turn could not be run');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    }
  };
}
