import cron from 'node-cron';
import type { DbOptions } from '../data/db';
import { isInvoiceMode, type InvoiceMode } from '../domain/invoicing';
import { parseQuietHours, type QuietHours } from '../domain/quietHours';
import type { OrderLimits } from '../domain/order';
import type { RateLimits } from './rateLimit';
import { checkServiceSettings, defaultServiceSettings, type ServiceSettings } from '../domain/serviceSettings';

/**
 * Every setting comes from the environment; this table is the one place that documents them
 * (README's configuration table is written from it).
 */
export const configVariables = [
  { name: 'PORT', default: '3978', meaning: 'HTTP port of the bot host (Bot Framework messaging endpoint, web chat, REST).' },
  { name: 'HOST', default: '127.0.0.1 in demo mode, else all interfaces', meaning: 'Interface to listen on. Demo mode accepts unauthenticated messages, so it stays on loopback unless HOST says otherwise.' },
  { name: 'DATA_DIR', default: './var', meaning: 'Folder of the embedded SQLite database file (auftragsbot.sqlite).' },
  { name: 'DATABASE_URL', default: '(unset: embedded SQLite)', meaning: 'postgres://… switches to PostgreSQL; required to run several instances.' },
  { name: 'MicrosoftAppId', default: '(unset)', meaning: 'Azure Bot app id. Set: channel requests are authenticated and demo mode is off. Unset: no authentication.' },
  { name: 'MicrosoftAppPassword', default: '(unset)', meaning: 'Client secret of the app registration (not needed for UserAssignedMSI).' },
  { name: 'MicrosoftAppType', default: 'MultiTenant', meaning: 'MultiTenant, SingleTenant or UserAssignedMSI.' },
  { name: 'MicrosoftAppTenantId', default: '(unset)', meaning: 'Tenant of the app registration; required for SingleTenant and UserAssignedMSI.' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino level: fatal, error, warn, info, debug, trace or silent.' },
  { name: 'TOKEN_SECRET', default: '(generated once, kept in the database)', meaning: 'Secret that signs local Direct Line tokens and guards its connector endpoints.' },
  { name: 'SHOP_API_KEY', default: 'demo-shop-key in demo mode, else unset (endpoint off)', meaning: 'API key for the shop REST endpoints.' },
  { name: 'STAFF_API_KEY', default: 'demo-staff-key in demo mode, else unset (endpoint off)', meaning: 'API key for the staff REST endpoints.' },
  { name: 'ADMIN_API_KEY', default: 'demo-admin-key in demo mode, else unset (endpoint off)', meaning: 'API key for the admin REST endpoints (linking Teams users to people).' },
  { name: 'NOTIFY_INTERVAL_SECONDS', default: '5', meaning: 'How often the sender delivers due notifications (order confirmed, shipped, …) from the outbox.' },
  { name: 'QUIET_HOURS', default: '20:00-08:00', meaning: 'Berlin hours in which customers get no messages; theirs wait until the hours end (staff messages go out at once). off: none.' },
  { name: 'TRAVEL_BUFFER_MINUTES', default: '30', meaning: 'Minutes a technician keeps free after each on-site job (travel), so two on-site jobs are at least this far apart (0–240).' },
  { name: 'REMINDER_HOUR', default: '18', meaning: 'Berlin hour of the day before an appointment at which the customer is reminded (0–23).' },
  { name: 'LATE_CANCELLATION_FEE_PERCENT', default: '50', meaning: 'Share of the service price charged when an appointment is cancelled less than 24 hours before it (0–100).' },
  { name: 'PUBLIC_HOST', default: '(unset)', meaning: 'Public host name of the bot (e.g. bot.example.com): the Teams app package lists it as valid domain, and document and calendar links in messages become https://<PUBLIC_HOST>/… (needed in Teams and the Emulator; the web chat on the bot\'s own page does without).' },
  { name: 'TEAMS_APP_ID', default: 'MicrosoftAppId', meaning: 'GUID of the Teams app in its package (npm run teams:package).' },
  { name: 'DIRECT_LINE_SECRET', default: '(unset)', meaning: 'Secret of the Azure Bot\'s Direct Line channel: with it the chat page gets its token from POST /api/directline/token.' },
  { name: 'DUNNING_CRON', default: '0 8 * * 1-5', meaning: 'When the accounting morning runs (cron, Europe/Berlin; public holidays are skipped): the dunning run creates the notices due, then every accountant gets the digest. A run missed while the server was down happens at start. off: no run.' },
  { name: 'FILE_DOWNLOAD_HOSTS', default: '*.sharepoint.com', meaning: 'Hosts (comma-separated; *.example.com for subdomains) from which a file sent in Teams (a bank statement) may be downloaded. Files sent in the web chat are read from the local channel only.' },
  { name: 'RATE_LIMIT_PER_MINUTE', default: '300', meaning: 'Requests per minute one client address may make to the REST, token and demo routes; more answer 429 with Retry-After.' },
  { name: 'RATE_LIMIT_KEY_PER_MINUTE', default: '600', meaning: 'Requests per minute with one API key or Direct Line token on those routes.' },
  { name: 'DEMO_TOKENS_PER_MINUTE', default: '20', meaning: 'Demo tokens per minute one client address may get from /api/demo/token.' },
  { name: 'MAX_ORDER_QUANTITY_PER_PRODUCT', default: '10000', meaning: 'Largest total quantity of one product in one order; more answers 422 (REST) or a polite refusal (chat).' },
  { name: 'PLANNING_HORIZON_DAYS', default: '365', meaning: 'How far ahead production and deliveries may be promised; an order that would end later is refused.' },
  { name: 'INVOICE_MODE', default: 'per_shipment', meaning: 'When invoices are issued: per_shipment (each shipment invoices what left the house, services when performed) or per_order (one invoice once the order is delivered or performed).' },
  { name: 'DEMO_MODE', default: 'on without app credentials, off with them', meaning: 'Demo mode: seeds demo data into an empty database, serves the local Direct Line channel and /api/demo/token. DEMO_MODE=0 turns it off; it is always off when MicrosoftAppId is set.' },
] as const;

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  port: number;
  host: string | undefined;
  db: DbOptions;
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppType: AppType;
  microsoftAppTenantId: string;
  logLevel: string;
  /** Unset: the host generates one and keeps it in the database, so tokens and stored references survive restarts. */
  tokenSecret: string | undefined;
  shopApiKey: string | undefined;
  staffApiKey: string | undefined;
  adminApiKey: string | undefined;
  demoMode: boolean;
  publicHost: string | undefined;
  teamsAppId: string | undefined;
  directLineSecret: string | undefined;
  /** Hosts a Teams file (a bank statement sent in the chat) may be downloaded from. */
  fileDownloadHosts: string[];
  notifyIntervalSeconds: number;
  /** null: customers are written to at any hour. */
  quietHours: QuietHours | null;
  rateLimits: RateLimits;
  orderLimits: OrderLimits;
  /** Travel buffer, reminder hour and late cancellation fee (written to the database at start, read by every instance). */
  services: ServiceSettings;
  /** Unset: whatever the database holds (default per_shipment). */
  invoiceMode: InvoiceMode | undefined;
  /** Cron expression of the accounting morning (Europe/Berlin); null: off. */
  dunningCron: string | null;
  /** Things worth a warning at start (logged by the host, never containing secrets). */
  warnings: string[];
}

const appTypes: AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const off = /^(0|false|no|off)$/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const warnings: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const port = Number(value('PORT') ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);

  const notifyIntervalSeconds = Number(value('NOTIFY_INTERVAL_SECONDS') ?? 5);
  if (!(notifyIntervalSeconds >= 1 && notifyIntervalSeconds <= 3600)) throw new Error(`NOTIFY_INTERVAL_SECONDS must be between 1 and 3600, got "${env.NOTIFY_INTERVAL_SECONDS}"`);

  const quietHours = parseQuietHours(value('QUIET_HOURS') ?? '20:00-08:00');
  if (quietHours === undefined) throw new Error(`QUIET_HOURS must look like 20:00-08:00 (or off), got "${env.QUIET_HOURS}"`);
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const n = Number(value(name) ?? fallback);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
    return n;
  };
  const rateLimits: RateLimits = {
    perAddressPerMinute: whole('RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    perKeyPerMinute: whole('RATE_LIMIT_KEY_PER_MINUTE', 600, 1, 1_000_000),
    demoTokensPerMinute: whole('DEMO_TOKENS_PER_MINUTE', 20, 1, 1_000_000),
  };
  const orderLimits: OrderLimits = {
    maxQuantityPerProduct: whole('MAX_ORDER_QUANTITY_PER_PRODUCT', 10_000, 1, 1_000_000),
    planningHorizonDays: whole('PLANNING_HORIZON_DAYS', 365, 1, 3650),
  };

  const services: ServiceSettings = {
    travelBufferMinutes: Number(value('TRAVEL_BUFFER_MINUTES') ?? defaultServiceSettings.travelBufferMinutes),
    reminderHour: Number(value('REMINDER_HOUR') ?? defaultServiceSettings.reminderHour),
    lateFeePercent: Number(value('LATE_CANCELLATION_FEE_PERCENT') ?? defaultServiceSettings.lateFeePercent),
  };
  const wrongServices = checkServiceSettings(services);
  if (wrongServices.length) throw new Error(`TRAVEL_BUFFER_MINUTES (0–240), REMINDER_HOUR (0–23) and LATE_CANCELLATION_FEE_PERCENT (0–100) must be whole numbers; wrong: ${wrongServices.join(', ')}`);

  const dunningCronText = value('DUNNING_CRON') ?? '0 8 * * 1-5';
  const dunningCron = dunningCronText === 'off' ? null : dunningCronText;
  if (dunningCron !== null && !cron.validate(dunningCron)) throw new Error(`DUNNING_CRON must be a cron expression (or off), got "${env.DUNNING_CRON}"`);
  const invoiceMode = value('INVOICE_MODE');
  if (invoiceMode !== undefined && !isInvoiceMode(invoiceMode)) throw new Error(`INVOICE_MODE must be per_shipment or per_order, got "${env.INVOICE_MODE}"`);

  const appType = (value('MicrosoftAppType') ?? 'MultiTenant') as AppType;
  if (!appTypes.includes(appType)) throw new Error(`MicrosoftAppType must be one of ${appTypes.join(', ')}`);

  const appId = value('MicrosoftAppId') ?? '';
  const demoRequested = !off.test(value('DEMO_MODE') ?? '1');
  const demoMode = demoRequested && !appId;
  if (demoRequested && appId && value('DEMO_MODE')) warnings.push('DEMO_MODE is ignored because MicrosoftAppId is set');
  if (!appId) warnings.push('MicrosoftAppId is not set: requests to /api/messages are not authenticated');


  return {
    port,
    // Demo mode accepts unauthenticated activities and hands out tokens to anyone: keep it off the network by default.
    host: value('HOST') ?? (demoMode ? '127.0.0.1' : undefined),
    db: { databaseUrl: value('DATABASE_URL'), dataDir: value('DATA_DIR') ?? 'var' },
    microsoftAppId: appId,
    microsoftAppPassword: value('MicrosoftAppPassword') ?? '',
    microsoftAppType: appType,
    microsoftAppTenantId: value('MicrosoftAppTenantId') ?? '',
    logLevel: value('LOG_LEVEL') ?? 'info',
    tokenSecret: value('TOKEN_SECRET'),
    shopApiKey: value('SHOP_API_KEY') ?? (demoMode ? 'demo-shop-key' : undefined),
    staffApiKey: value('STAFF_API_KEY') ?? (demoMode ? 'demo-staff-key' : undefined),
    adminApiKey: value('ADMIN_API_KEY') ?? (demoMode ? 'demo-admin-key' : undefined),
    demoMode,
    publicHost: value('PUBLIC_HOST'),
    teamsAppId: value('TEAMS_APP_ID'),
    directLineSecret: value('DIRECT_LINE_SECRET'),
    fileDownloadHosts: (value('FILE_DOWNLOAD_HOSTS') ?? '*.sharepoint.com').split(',').map((h) => h.trim()).filter(Boolean),
    notifyIntervalSeconds,
    quietHours,
    rateLimits,
    orderLimits,
    services,
    invoiceMode,
    dunningCron,
    warnings,
  };
}
