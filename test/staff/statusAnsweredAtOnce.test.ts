import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { StaffIntents, withStaffCommands } from '../../dialogs/staffCommands';
import { StatusDialog } from '../../dialogs/statusDialog';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { cardOf, chatAs, place, textOfCard, textsOf } from './helpers';

/** A StatusDialog that counts how often it is begun. */
class CountedStatusDialog extends StatusDialog {
  begun = 0;
  async beginDialog(dc: DialogContext, options?: object): Promise<DialogTurnResult> {
    this.begun++;
    return super.beginDialog(dc, options);
  }
}

/**
 * The status route as bot/server.ts wires it: a question that needs no question back is answered by the route itself
 * (StatusDialog.answerAtOnce), the same words the dialog says; anything else begins the dialog as before.
 */
describeEachDatabase('status questions answered at once', ({ get }) => {
  const later = new Date('2026-03-16T09:00:00Z');

  function chat(userId: string, locale = 'de-DE') {
    const { db } = get();
    const status = new CountedStatusDialog({ db, now: () => later });
    const main = new MainDialog(withStaffCommands(understandingRecognizer(db, () => later)), [
      { intent: StaffIntents.status, dialog: status, answer: (context, details) => status.answerAtOnce(context, details) },
    ]);
    return { status, ...chatAs(db, main, userId, locale) };
  }

  it("a customer naming the order gets the dialog's answer without a dialog begun, in both languages", async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 2 }]);
    const de = chat('demo-mueller');
    const viaDialog = chatAs(db, new StatusDialog({ db, now: () => later }), 'demo-mueller');
    const answer = textsOf(await de.send(`Status von Auftrag ${order.number}`));
    expect(answer).toContain(`Auftrag ${order.number} vom 02.03.2026`);
    expect(answer).toBe(textsOf(await viaDialog.send(`Status von Auftrag ${order.number}`)));
    const en = chat('demo-mueller', 'en-US');
    expect(textsOf(await en.send(`status of order ${order.number}`))).toContain(`Order ${order.number} of 2 Mar 2026`);
    expect(de.status.begun + en.status.begun).toBe(0);
  });

  it("another account's number is answered at once like an unknown one", async () => {
    const { db } = get();
    const a = await demoActors(db);
    const foreign = await place(db, a.cafe, a.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 1 }]);
    const { send, status } = chat('demo-mueller');
    expect(textsOf(await send(`Status Auftrag ${foreign.number}`))).toBe(
      `Einen Auftrag mit der Nummer ${foreign.number} finde ich in Ihrem Konto nicht. Bitte prüfen Sie die Nummer.`,
    );
    expect(status.begun).toBe(0);
  });

  it("staff get the order card and a customer's orders at once", async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.sales, a.customers.mueller, [{ sku: 'DESK-160', quantity: 1 }], { requestedDate: '2026-03-04' });
    const { send, status } = chat('demo-sales');
    const card = cardOf(await send(`Status Auftrag ${order.number}`));
    expect(textOfCard(card)).toContain(`Auftrag ${order.number} · Müller Bau GmbH`);
    expect(textOfCard(cardOf(await send('Aufträge von Müller Bau')))).toContain('Aufträge von Müller Bau GmbH');
    expect(status.begun).toBe(0);
  });

  it('"Wo bleibt meine Bestellung?" with two orders under way still asks which one, and answers the choice', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const second = await place(db, a.mueller, a.customers.mueller, [{ sku: 'TONER-BK', quantity: 1 }], { requestedDate: '2026-03-05' });
    const { send, status } = chat('demo-mueller');
    const [question] = await send('Wo bleibt meine Bestellung?');
    expect(question.text).toBe('Sie haben mehrere laufende Aufträge. Welchen meinen Sie?');
    expect(question.suggestedActions!.actions.map((x) => x.value)).toEqual(expect.arrayContaining([first.number, second.number]));
    expect(textsOf(await send(second.number))).toContain(`Auftrag ${second.number} vom 02.03.2026: Bestätigt.`);
    expect(status.begun).toBe(1);
  });
});
