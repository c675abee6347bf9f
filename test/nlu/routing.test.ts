import { CancelDialog } from '../../dialogs/cancelDialog';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { StaffDialog } from '../../dialogs/staffDialog';
import { StaffIntents, withStaffCommands } from '../../dialogs/staffCommands';
import { StatusDialog } from '../../dialogs/statusDialog';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { chatAs, place, textsOf } from '../staff/helpers';

const tuesday = new Date('2026-03-03T09:00:00Z');

/** The routes bot/server.ts registers for these intents, behind the recognizer as the server wires it today. */
function chat(db: Parameters<typeof demoActors>[0], userId: string, wrapped: boolean) {
  const now = () => tuesday;
  const recognizer = wrapped ? withStaffCommands(understandingRecognizer(db, now)) : understandingRecognizer(db, now);
  const main = new MainDialog(recognizer, [
    { intent: StaffIntents.work, dialog: new StaffDialog({ db, now }) },
    { intent: StaffIntents.status, dialog: new StatusDialog({ db, now }) },
    { intent: 'cancel_order', dialog: new CancelDialog({ db, now }) },
  ]);
  return chatAs(db, main, userId, 'de-DE');
}

describeEachDatabase('a customer cancels with the README phrase', ({ get }) => {
  it.each([true, false])('"Auftrag … stornieren" reaches the cancel flow of the owner (staff wrapper in front: %s)', async (wrapped) => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 2 }]);
    const { send } = chat(db, 'demo-mueller', wrapped);
    const reply = textsOf(await send(`Auftrag ${order.number} stornieren`));
    expect(reply).toContain(`Soll ich Auftrag ${order.number} wirklich stornieren?`);
    expect(reply).not.toContain('Vertrieb');
  });

  it('staff work typed with its details reaches the staff dialog, not the order dialog', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const { send } = chat(db, 'demo-sales', false);
    const reply = textsOf(await send(`release ${order.number}`));
    // The staff dialog answers with the lifecycle's verdict on the move to "checked" (the order is confirmed already).
    expect(reply).toContain(`Auftrag ${order.number} kann nicht auf „Geprüft“ gesetzt werden`);
  });
});
