import restify from 'restify';
import { setInvoiceMode } from '../data/company';
import type { Db } from '../data/db';
import { checkDocumentToken } from '../data/documentLinks';
import { getPerson } from '../data/parties';
import type { InvoiceMode } from '../domain/invoicing';
import type { Locale } from '../domain/locale';
import { may } from '../domain/permissions';
import { findDocumentFile, type FileFormat } from './documentFiles';
import { mountInvoiceApi } from './api/invoices';
import { mountQuoteApi } from './api/quotes';

export interface DocumentDeps {
  db: Db;
  /** INVOICE_MODE: written to the database at start, so every instance and operation invoices alike. */
  invoiceMode: InvoiceMode | undefined;
  staffApiKey: string | undefined;
  logger: { error(obj: object, msg?: string): void };
  now?: () => Date;
}

type Refusal = 'invalid' | 'expired' | 'forbidden' | 'gone';

/** The refusal page says what happened in both languages (a link carries no language) and never serves the file. */
const refusalTexts: Record<Refusal, Record<Locale, { title: string; text: string }>> = {
  invalid: {
    de: { title: 'Link ungültig', text: 'Dieser Link ist nicht gültig. Bitte fragen Sie im Chat nach dem Dokument, Sie erhalten einen neuen Link.' },
    en: { title: 'Invalid link', text: 'This link is not valid. Please ask for the document in the chat to get a new link.' },
  },
  expired: {
    de: { title: 'Link abgelaufen', text: 'Dieser Link ist abgelaufen. Bitte fragen Sie im Chat nach dem Dokument, Sie erhalten einen neuen Link.' },
    en: { title: 'Link expired', text: 'This link has expired. Please ask for the document in the chat to get a new link.' },
  },
  forbidden: {
    de: { title: 'Kein Zugriff', text: 'Dieses Dokument ist nicht für Sie bestimmt.' },
    en: { title: 'No access', text: 'This document is not meant for you.' },
  },
  gone: {
    de: { title: 'Dokument nicht gefunden', text: 'Dieses Dokument gibt es nicht (mehr).' },
    en: { title: 'Document not found', text: 'This document does not exist (any more).' },
  },
};

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function refusalPage(refusal: Refusal): string {
  const [de, en] = [refusalTexts[refusal].de, refusalTexts[refusal].en];
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escape(de.title)} · ${escape(en.title)}</title></head>`
    + `<body><h1>${escape(de.title)}</h1><p>${escape(de.text)}</p><h1 lang="en">${escape(en.title)}</h1><p lang="en">${escape(en.text)}</p></body></html>`;
}

const formats: readonly FileFormat[] = ['pdf', 'zugferd', 'xrechnung'];

/**
 * GET /documents/<token>[?format=pdf|zugferd|xrechnung]: the signed link (domain/documentLinks.ts) names the document
 * and the person it was sent to; the file is served only when the signature holds, the link has not expired and that
 * person may (still) see the document's account (may 'seeOrder': customers their own, staff by role). Anything else
 * answers 403 with a page saying why, never the file.
 */
export function mountDocuments(server: restify.Server, deps: DocumentDeps): void {
  const now = deps.now ?? (() => new Date());
  if (deps.invoiceMode) {
    setInvoiceMode(deps.db, deps.invoiceMode).catch((err) => deps.logger.error({ err }, 'could not store INVOICE_MODE'));
  }
  const refuse = (res: restify.Response, status: number, refusal: Refusal) => {
    const body = refusalPage(refusal);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  server.get('/documents/:token', async (req: restify.Request, res: restify.Response): Promise<void> => {
    try {
      const check = await checkDocumentToken(deps.db, String(req.params.token ?? ''), now());
      if (!check.ok) return refuse(res, 403, check.reason === 'expired' ? 'expired' : 'invalid');
      const personId = /^person:(\d+)$/.exec(check.claims.recipient)?.[1];
      const person = personId ? await getPerson(deps.db, Number(personId)) : null;
      if (!person) return refuse(res, 403, 'forbidden');
      const file = await findDocumentFile(deps.db, check.claims.documentId);
      if (!file) return refuse(res, 404, 'gone');
      if (!may({ role: person.role, customerId: person.customerId }, 'seeOrder', { customerId: file.customerId })) return refuse(res, 403, 'forbidden');
      const asked = new URL(req.url ?? '/', 'http://local').searchParams.get('format');
      const format = typeof asked === 'string' && (formats as readonly string[]).includes(asked) && file.formats.includes(asked as FileFormat) ? (asked as FileFormat) : file.formats[0];
      const rendered = await file.render(format);
      res.writeHead(200, {
        'Content-Type': rendered.contentType, 'Content-Length': rendered.body.length, 'Cache-Control': 'private, no-store',
        'Content-Disposition': `inline; filename="${rendered.fileName}"`, 'X-Content-Type-Options': 'nosniff',
      });
      res.end(rendered.body);
    } catch (err) {
      deps.logger.error({ err }, 'document download failed');
      const body = 'Das Dokument konnte gerade nicht erstellt werden; bitte versuchen Sie es gleich noch einmal. / The document could not be produced just now; please try again shortly.';
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(body);
    }
  });
  mountInvoiceApi(server, { db: deps.db, staffApiKey: deps.staffApiKey, logger: deps.logger });
  mountQuoteApi(server, { db: deps.db, staffApiKey: deps.staffApiKey, logger: deps.logger });
}
