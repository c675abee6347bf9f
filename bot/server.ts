import type { AddressInfo } from 'node:net';
import {
  ActivityTypes,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { prepareCards } from '../cards/bind';
import { Db, migrate, openDatabase } from '../data/db';
import { findPersonByChannel, listChannelPeople } from '../data/parties';
import { seedIfEmpty } from '../data/seed';
import { bookDemoAccounting, bookDemoAppointments } from '../operations';
import { secretSetting } from '../data/settings';
import { KnexStorage } from '../data/storage';
import { pruneProcessedActivities } from '../data/turns';
import { toLocale } from '../domain/locale';
import type { OrderLimits } from '../domain/order';
import { LanguageDialog } from '../dialogs/languageDialog';
import { CancelDialog } from '../dialogs/cancelDialog';
import { InvoiceIntents } from '../dialogs/invoiceCommands';
import { InvoiceDialog } from '../dialogs/invoiceDialog';
import { paymentRoutes } from '../dialogs/paymentRoutes';
import { quoteRoutes } from '../dialogs/quoteRoutes';
import type { ChatFileReader } from '../dialogs/chatFiles';
import { attachmentReader } from './attachmentFiles';
import { IntentRoute, MainDialog } from '../dialogs/mainDialog';
import { OrderDialog } from '../dialogs/orderDialog';
import { Intents, Recognizer, SWITCH_LOCALE, understandingRecognizer } from '../dialogs/recognizer';
import { RESCHEDULE_SLOT_ACTION, RescheduleDialog } from '../dialogs/rescheduleDialog';
import { DAY_PLAN_ACTION, OFFER_SLOTS_ACTION, SERVICES_INTENT, ServicesDialog } from '../dialogs/servicesDialog';
import { StaffIntents, withStaffCommands } from '../dialogs/staffCommands';
import { StaffDialog } from '../dialogs/staffDialog';
import { StatusDialog } from '../dialogs/statusDialog';
import { commonTexts } from '../dialogs/texts/common';
import { getTurnUser } from '../dialogs/turnUser';
import { mountOrderApi } from './api/orders';
import { mountPeopleApi } from './api/people';
import { mountPaymentApi } from './api/payments';
import { sendDueNotifications } from './notifier';
import { startScheduler } from './scheduler';
import { accountingJobs } from './accountingJobs';
import { AuftragsBot, identifyTurnUser } from './auftragsbot';
import { readJsonBody, refuseCompressedBodies } from './bodyLimit';
import { rateLimiter } from './rateLimit';
import { HostAdapter, messagesHandler } from './messages';
import type { Config } from './config';
import { LocalDirectLine } from './directline';
import { createLogger, Logger } from './logger';
import { TurnGuard, TurnGuardOptions } from './turnGuard';
import { AbsoluteLinks } from './absoluteLinks';
import { TypingIndicator } from './typingIndicator';
import { JsonConversationState } from './jsonConversationState';
import { DialogStateByPerson } from './sharedConversationState';
import { mountWeb } from './web';
import { mountCalendarFiles } from './calendarFiles';
import { saveServiceSettings } from '../data/serviceSettings';
import { mountDirectLineToken } from './directLineToken';
import { mountDocuments } from './documents';

export interface App {
  server: restify.Server;
  db: Db;
  /** The host's adapter, with its onTurnError (what the notifier sends with). */
  adapter: HostAdapter;
  /** Loopback base URL once listening ('' before). */
  readonly url: string;
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/** What tests add on top of the real bot: a recognizer wrapping the real one, and further intent routes. */
export interface AppExtras {
  logger?: Logger;
  recognizer?: (real: Recognizer) => Recognizer;
  routes?: IntentRoute[];
  turnGuard?: TurnGuardOptions;
}

/** Channel id under which demo ids are linked and the local Direct Line channel talks. */
const DEMO_CHANNEL = 'directline';

/** Every conversation of the bot and the intents (or card buttons) that start it. */
export function conversations(db: Db, orderLimits: OrderLimits, readFile: ChatFileReader): IntentRoute[] {
  const order = new OrderDialog({ db, limits: orderLimits });
  const staff = new StaffDialog({ db });
  const status = new StatusDialog({ db });
  const cancel = new CancelDialog({ db });
  const reschedule = new RescheduleDialog({ db });
  const invoices = new InvoiceDialog({ db });
  return [
    { intent: 'order', dialog: order, cardAction: (action) => action === 'order.catalog' },
    { intent: 'book_service', dialog: order },
    { intent: 'reorder', dialog: order },
    { intent: StaffIntents.work, dialog: staff, cardAction: (action) => action.startsWith('staff.'), cardInterrupts: true },
    { intent: StaffIntents.status, dialog: status, answer: (context, details) => status.answerAtOnce(context, details) },
    { intent: SWITCH_LOCALE, dialog: new LanguageDialog(db) },
    { intent: 'cancel_order', dialog: cancel },
    { intent: 'cancel_booking', dialog: cancel },
    { intent: 'reschedule_booking', dialog: reschedule, cardAction: (action) => action === RESCHEDULE_SLOT_ACTION },
    { intent: SERVICES_INTENT, dialog: new ServicesDialog({ db }), cardAction: (action) => action === OFFER_SLOTS_ACTION || action === DAY_PLAN_ACTION },
    ...[InvoiceIntents.invoices, Intents.invoiceStatus].map((intent) => ({ intent, dialog: invoices })),
    ...paymentRoutes(db, readFile),
    ...quoteRoutes(db),
  ];
}

export async function createApp(config: Config, extras: AppExtras = {}): Promise<App> {
  const logger = extras.logger ?? createLogger(config.logLevel);
  const db = openDatabase(config.db);
  try {
    await migrate(db);
    if (config.demoMode && (await seedIfEmpty(db))) {
      // The technicians' demo day is not empty: a few appointments today (or on the next working day).
      const booked = await bookDemoAppointments(db, new Date());
      // …and the accountant has invoices to look at: one overdue, one open, one paid.
      const invoiced = await bookDemoAccounting(db, new Date());
      logger.info({ demoOrders: booked, demoInvoices: invoiced }, 'empty database: demo data seeded');
    }
    await pruneProcessedActivities(db);
    await saveServiceSettings(db, config.services);
  } catch (err) {
    await db.destroy();
    throw err;
  }

  // Card templates are parsed here once, not on a customer's first turn.
  prepareCards();
  const storage = new KnexStorage(db);
  const conversationState = new JsonConversationState(storage);
  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  const adapter = new HostAdapter(new ConfigurationBotFrameworkAuthentication(authOptions));
  adapter.use(new TypingIndicator(logger.child({ component: 'typing' })));
  if (config.publicHost) adapter.use(new AbsoluteLinks(config.publicHost));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { type, name, id, channelId } = context.activity;
    // A proactive send (the notifier) must see its failure, or the notification would be marked sent.
    if (type === ActivityTypes.Event && name === 'ContinueConversation') throw error;
    // Ids and the error only: botbuilder-dialogs hangs the whole dialog state on its errors (names, addresses, texts).
    logger.error({ error: { name: error?.name, message: error?.message, stack: error?.stack }, activityType: type, activityId: id, channelId }, 'turn failed');
    let locale = toLocale(context.activity.locale);
    try {
      locale = getTurnUser(context).locale;
    } catch {
      // failed before the user was known: the activity's locale will do
    }
    try {
      // The conversation state stays as the last successful turn saved it (a turn saves only at its end), so a
      // customer's draft survives; the user may simply try again or cancel.
      await context.sendActivity(commonTexts(locale, 'turnError'));
    } catch (err: any) {
      logger.error({ error: err?.message }, 'could not tell the user about a failed turn');
    }
  };

  const recognizer = withStaffCommands(understandingRecognizer(db));
  // Files sent in the chat are read from the own channel's store (known once it is mounted below) or allowed hosts.
  let ownChannel: LocalDirectLine | undefined;
  const readFile = attachmentReader({
    isOwnChannelFile: (url, conversationId) => !!ownChannel?.isOwnAttachmentUrl(url, conversationId),
    downloadHosts: config.fileDownloadHosts,
  });
  const dialog = new MainDialog(extras.recognizer?.(recognizer) ?? recognizer, [...conversations(db, config.orderLimits, readFile), ...(extras.routes ?? [])]);
  const dialogStates = new DialogStateByPerson(storage, 'dialogs');
  const bot = new AuftragsBot(db, conversationState, dialogStates, dialog, logger, storage);
  const guard = new TurnGuard(db, logger, extras.turnGuard, [conversationState, dialogStates]);

  const scheduler = startScheduler({
    logger,
    jobs: [
      {
        name: 'notifications',
        everySeconds: config.notifyIntervalSeconds,
        run: () => sendDueNotifications({ db, adapter, appId: config.microsoftAppId, quietHours: config.quietHours, logger: logger.child({ component: 'notifier' }) }),
      },
      { name: 'prune-processed-activities', cron: '0 30 3 * * *', run: () => pruneProcessedActivities(db) },
      ...accountingJobs(db, config.dunningCron, logger),
    ],
  });

  const server = restify.createServer({ name: 'auftragsbot' });
  // Before routing, so neither a compressed body nor a flood reaches a body reader.
  server.pre(refuseCompressedBodies());
  server.pre(rateLimiter(config.rateLimits));
  // Each route parses its own body, so the REST API can answer malformed JSON in its own error format.
  const jsonBody = restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false });

  let baseUrl = '';
  server.post('/api/messages', readJsonBody(1024 * 1024), messagesHandler({
    adapter,
    logger,
    logic: (context) => guard.run(context, () => bot.run(context)),
    localeOf: async (activity) => (await identifyTurnUser(db, activity)).locale,
  }));

  server.get('/healthz', async (_req, res) => {
    try {
      await Promise.race([
        db.raw('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer in time')), 3000).unref()),
      ]);
      res.send(200, { status: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'health check failed');
      res.send(503, { status: 'unavailable' });
    }
  });

  let channel: LocalDirectLine | undefined;
  if (config.demoMode) {
    channel = new LocalDirectLine({
      db,
      botEndpoint: () => `${baseUrl}/api/messages`,
      serviceUrl: () => baseUrl,
      tokenSecret: config.tokenSecret ?? (await secretSetting(db, 'token_secret')),
      logger: logger.child({ component: 'directline' }),
    });
    channel.mount(server);
    ownChannel = channel;

    server.get('/api/demo/people', async (_req, res) => {
      const people = await listChannelPeople(db, DEMO_CHANNEL);
      res.send(200, people.map(({ userId, person, customer }) => ({ id: userId, name: person.displayName, role: person.role, customer })));
    });

    server.post('/api/demo/token', jsonBody, async (req, res) => {
      const body = (req.body ?? {}) as { user?: unknown; locale?: unknown };
      if (typeof body.user !== 'string' || !body.user) {
        res.send(400, { error: 'user is required' });
        return;
      }
      const person = await findPersonByChannel(db, DEMO_CHANNEL, body.user);
      if (!person) {
        res.send(404, { error: 'unknown demo user' });
        return;
      }
      const locale = typeof body.locale === 'string' ? body.locale : undefined;
      const { token, expires_in } = channel!.issueToken({ id: body.user, name: person.displayName, locale });
      res.send(200, { token, userId: body.user, expires_in });
    });
  }

  mountOrderApi(server, { db, shopApiKey: config.shopApiKey, staffApiKey: config.staffApiKey, orderLimits: config.orderLimits, logger: logger.child({ component: 'api' }) });
  mountCalendarFiles(server, { db });
  mountDocuments(server, { db, invoiceMode: config.invoiceMode, staffApiKey: config.staffApiKey, logger: logger.child({ component: 'documents' }) });
  mountPeopleApi(server, { db, adminApiKey: config.adminApiKey, logger: logger.child({ component: 'api' }) });
  mountPaymentApi(server, { db, staffApiKey: config.staffApiKey, logger: logger.child({ component: 'api' }) });
  mountWeb(server, { azureDirectLine: !config.demoMode });
  // Hosted mode: the page's Direct Line token comes from Azure, exchanged here so the secret never reaches a browser.
  if (config.directLineSecret) mountDirectLineToken(server, { secret: config.directLineSecret, logger: logger.child({ component: 'directline-token' }) });

  return {
    server,
    db,
    adapter,
    get url() {
      return baseUrl;
    },
    listen(port = config.port) {
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        const onListening = () => {
          server.removeListener('error', reject);
          const address = server.address() as AddressInfo;
          const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
          baseUrl = `http://${host}:${address.port}`;
          logger.info({ url: baseUrl, demoMode: config.demoMode }, 'listening');
          // In the background: a turn may take a while, and the server must answer meanwhile.
          channel?.deliverPending().catch((err) => logger.warn({ error: err?.message }, 'pending directline activities not delivered'));
          resolve(baseUrl);
        };
        if (config.host) server.listen(port, config.host, onListening);
        else server.listen(port, onListening);
      });
    },
    async close() {
      if (server.server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler.stop();
      await db.destroy();
    },
  };
}
