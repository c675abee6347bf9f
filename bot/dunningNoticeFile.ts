import { getCompanyRecord } from '../data/company';
import type { Db } from '../data/db';
import { findNotice } from '../data/dunning';
import { renderDunningNoticePdf } from '../formats/pdf/dunningNoticePdf';
import type { DocumentFile } from './documentFiles';

/** A dunning notice (MA-…) as a PDF, rendered from the notice as issued; the account it belongs to decides who may fetch it. */
export async function dunningNoticeFile(db: Db, number: string): Promise<DocumentFile | null> {
  const notice = await findNotice(db, number);
  if (!notice) return null;
  return {
    number, kind: 'dunning_notice', customerId: notice.customerId, formats: ['pdf'],
    async render() {
      return { body: await renderDunningNoticePdf(notice.document, await getCompanyRecord(db)), contentType: 'application/pdf', fileName: `${number}.pdf` };
    },
  };
}
