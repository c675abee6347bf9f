import type { Middleware, TurnContext } from 'botbuilder';

/** The paths of the bot's own signed downloads (bot/documents.ts, bot/calendarFiles.ts). */
const DOWNLOAD_PATHS = ['/documents/', '/calendar/'];
const IN_MARKDOWN = new RegExp(`\\]\\((${DOWNLOAD_PATHS.map((p) => p.replace(/\//g, '\\/')).join('|')})`, 'g');

/**
 * Makes the bot's download links absolute (`https://<PUBLIC_HOST>/documents/…`) in everything it sends.
 * Conversations and notifications write them relative, because only the host knows its public address; Web Chat on
 * the bot's own page resolves a relative link, Teams and the Bot Framework Emulator do not.
 */
export class AbsoluteLinks implements Middleware {
  private readonly base: string;

  constructor(publicHost: string) {
    this.base = `https://${publicHost}`;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, send) => {
      activities.forEach((activity, i) => (activities[i] = withAbsoluteLinks(activity, this.base)));
      return send();
    });
    context.onUpdateActivity(async (_ctx, activity, update) => {
      Object.assign(activity, withAbsoluteLinks(activity, this.base));
      return update();
    });
    await next();
  }
}

/** A copy of `value` in which every string that is, or holds as a Markdown link, a download path starts with `base`. */
export function withAbsoluteLinks<T>(value: T, base: string): T {
  if (typeof value === 'string') {
    const absolute = DOWNLOAD_PATHS.some((p) => value.startsWith(p)) ? base + value : value;
    return absolute.replace(IN_MARKDOWN, `](${base}$1`) as T;
  }
  if (Array.isArray(value)) return value.map((v) => withAbsoluteLinks(v, base)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withAbsoluteLinks(v, base)])) as T;
  }
  return value;
}
