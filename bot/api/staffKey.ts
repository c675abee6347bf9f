import type restify from 'restify';
import type { Db } from '../../data/db';
import { findCustomerByNumber } from '../../data/parties';
import { principalOf } from './orders';

/**
 * What the staff-key routes (invoices, quotes, payments) do alike: 401 with a Bearer challenge without the staff key,
 * a 500 that names nothing internal when a request fails, and the `customerNumber` filter of their lists. `what` is
 * the plural the messages name.
 */
export function staffKeyRoutes(deps: { db: Db; staffApiKey: string | undefined; logger: { error(obj: object, msg?: string): void } }, what: string) {
  const query = (req: restify.Request) => new URL(req.url ?? '/', 'http://local').searchParams;
  return {
    query,
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
    /** The list's `?customerNumber=`: the customer's id, undefined without one, null once an unknown one was answered 422. */
    async customerFilter(req: restify.Request, res: restify.Response): Promise<{ customerId: number | undefined } | null> {
      const customerNumber = query(req).get('customerNumber');
      if (!customerNumber) return { customerId: undefined };
      const customer = await findCustomerByNumber(deps.db, customerNumber);
      if (customer) return { customerId: customer.id };
      res.send(422, { error: 'unknown_customer', details: [{ field: 'customerNumber', message: 'no such customer' }] });
      return null;
    },
  };
}
