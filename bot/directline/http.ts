import restify from 'restify';

/** Small HTTP pieces shared by the client front and the connector side. */

/** Direct Line's error shape: `{ error: { code, message } }`. */
export function sendError(res: restify.Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

type AsyncHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Answers an unexpected failure (e.g. the database) with a plain 500: no internal message reaches the client. */
export function guarded(logger: { error(...a: any[]): void }, handler: AsyncHandler): AsyncHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err: any) {
      logger.error({ err: err?.message, route: req.getRoute?.()?.path }, 'directline request failed');
      if (!res.headersSent) sendError(res, 500, 'ServiceError', 'Internal error');
    }
  };
}

export function bearerToken(req: restify.Request): string | undefined {
  const header = req.header('authorization');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Reads a JSON body with restify's own reader and parser, limited in size. When the hosting server already
 * parses bodies globally (server.use(bodyParser())), the parsed or raw body it left is used instead.
 * Malformed JSON answers 400, an oversized body 413, both in Direct Line's error shape.
 */
export function jsonBody(maxBodySize: number): restify.RequestHandler {
  const [reader, parser] = (restify.plugins.jsonBodyParser as (o: object) => unknown)({ maxBodySize }) as restify.RequestHandler[];
  const reject = (res: restify.Response, next: restify.Next, status: number) => {
    if (status === 413) sendError(res, 413, 'MessageSizeTooBig', 'Request body too large');
    else sendError(res, 400, 'BadArgument', 'Malformed request body');
    next(false);
  };
  const parseLeftover = (req: restify.Request, res: restify.Response, next: restify.Next) => {
    const body: unknown = req.body;
    if (Buffer.isBuffer(body) || typeof body === 'string') {
      const text = body.toString();
      if (Buffer.byteLength(text) > maxBodySize) return reject(res, next, 413);
      try {
        req.body = text.trim() ? JSON.parse(text) : undefined;
      } catch {
        return reject(res, next, 400);
      }
    }
    next();
  };
  return (req, res, next) => {
    if ((req as any)._readBody) return parseLeftover(req, res, next);
    reader(req, res, (err?: any) => {
      if (err) return reject(res, next, Number(err.statusCode));
      parser(req, res, (perr?: any) => (perr ? reject(res, next, Number(perr.statusCode)) : parseLeftover(req, res, next)));
    });
  };
}
