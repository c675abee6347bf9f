import type { Activity } from 'botbuilder';
import { DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { setTurnUser } from '../../dialogs/turnUser';

/** The main dialog ends with what the dialog it routed to ended with, also when that took several turns. */
describe('main dialog result', () => {
  it("is the routed dialog's result, after a prompt in between", async () => {
    const child = new WaterfallDialog('child', [
      (step) => step.prompt('childPrompt', { prompt: 'Wie viele?' }),
      (step) => step.endDialog({ outcome: 'done', answer: step.result }),
    ]);
    const main = new MainDialog(async () => ({ intent: 'child', details: {} }) as any, [{ intent: 'child', dialog: child }]);
    main.addDialog(new TextPrompt('childPrompt'));
    const client = new DialogTestClient('directline', main, undefined, [
      {
        onTurn: async (context, next) => {
          setTurnUser(context, { person: { id: 1, displayName: 'Probe', role: 'customer', customerId: 1, locale: 'de' }, locale: 'de', userId: 'u1' });
          await next();
        },
      },
    ]);
    expect(((await client.sendActivity('bestellen')) as Partial<Activity>).text).toBe('Wie viele?');
    expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    await client.sendActivity('drei');
    expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(client.dialogTurnResult.result).toEqual({ outcome: 'done', answer: 'drei' });
  });
});
