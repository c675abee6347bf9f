import { ComponentDialog, type Dialog } from 'botbuilder-dialogs';
import { conversations } from '../../bot/server';
import { openDatabase } from '../../data/db';
import { DEFAULT_ORDER_LIMITS } from '../../domain/order';
import { MainDialog } from '../../dialogs/mainDialog';

/**
 * botbuilder keeps a version of every dialog container with the dialog states it saves: a hash of its dialogs' ids
 * and of each waterfall's number of steps. A state saved under another version raises `versionChanged` on its next
 * turn, and the conversation goes on with the new dialogs (dialogVersionChange.test.ts): a saved step index then
 * names whatever step has that number now. So a change that moves one of these numbers has to take care of the states
 * saved before it (their step indexes must still mean the same steps); a change for speed or tidiness must not move them.
 */
describe('dialog versions', () => {
  it('are the ones that saved dialog states carry', async () => {
    const db = openDatabase({ sqliteFile: ':memory:' }); // the dialogs are only built, never run
    try {
      const routes = conversations(db, DEFAULT_ORDER_LIMITS, async () => ({ ok: false, reason: 'unreachable' }));
      const main = new MainDialog(async () => ({ intent: 'none' }), routes);
      const containers = new Map<string, Dialog>([[main.id, main], ...routes.map((r) => [r.dialog.id, r.dialog] as [string, Dialog])]);
      const versions = Object.fromEntries(
        [...containers].filter(([, d]) => d instanceof ComponentDialog).map(([id, d]) => [id, (d as any).getInternalVersion()]),
      );
      expect(versions).toEqual(PINNED);
    } finally {
      await db.destroy();
    }
  });
});

/** As of d73cff9 and every build since (checked against that build's own dialogs). */
const PINNED = {
  mainDialog: '-1407349682',
  orderDialog: '1332654348',
  staffDialog: '1896519146',
  statusDialog: '-23932139',
  languageDialog: '417081173',
  cancelDialog: '1025265429',
  rescheduleDialog: '-538499640',
  servicesDialog: '-1060550585',
  invoiceDialog: '-731926830',
  paymentDialog: '-1508171889',
  quoteDialog: '-793580411',
};
