import { signDocumentLink, verifyDocumentLink, type LinkCheck } from '../domain/documentLinks';
import type { Db } from './db';
import { secretSetting } from './settings';

/** How long a sent document link works. */
export const DOCUMENT_LINK_DAYS = 30;

/** The secret that signs document links: generated once, kept in the database (every instance signs alike). */
export function documentLinkSecret(db: Db): Promise<string> {
  return secretSetting(db, 'document_link_secret');
}

/**
 * The download path of a document for one person: `/documents/<token>` with the document's number (RE-…, ST-…,
 * LS-…, or an order number for its confirmation) and `person:<id>` signed in, valid DOCUMENT_LINK_DAYS from `from`.
 */
export async function documentPath(db: Db, documentNumber: string, personId: number, from: Date): Promise<string> {
  const expiresAt = new Date(from.getTime() + DOCUMENT_LINK_DAYS * 86_400_000);
  return `/documents/${signDocumentLink({ documentId: documentNumber, recipient: `person:${personId}`, expiresAt }, await documentLinkSecret(db))}`;
}

export async function checkDocumentToken(db: Db, token: string, now: Date): Promise<LinkCheck> {
  return verifyDocumentLink(token, await documentLinkSecret(db), now);
}
