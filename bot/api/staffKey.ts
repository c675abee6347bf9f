import type restify from 'restify';
import { principalOf } from './orders';

/**
 * What the staff-key routes (invoices, quotes, payments) answer alike: 401 with a Bearer challenge without the
 * staff key, and a 500 that names nothing internal when a request fails. `what` is the plural the messages name.
 */
export function staffKeyRoutes(deps: { staffApiKey: string | undefined; logger: { error(obj: object, msg?: string): void } }, what: string) {
  return {
    /** True when the request carries the staff key; otherwise it has been answered 401. */
    guard(req: restify.Request, res: restify.Response): boolean {
      if (principalOf(req, { staffApiKey: deps.staffApiKey, shopApiKey: undefined }) === 'staff') return true;
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized', message: `${what[0].toUpperCase()}${what.slice(1)} need the staff API key as "Authorization: Bearer <key>".` });
      return false;
    },
    failed(res: restify.Response, err: unknown): void {
      deps.logger.error({ err }, `${what} API request failed`);
      res.send(500, { error: 'internal', message: 'Something went wrong; the request can be retried.' });
    },
  };
}
