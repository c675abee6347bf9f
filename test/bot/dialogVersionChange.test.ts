import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { ComponentDialog, DialogState, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import { setTurnUser } from '../../dialogs/turnUser';

/**
 * A dialog state saved by an earlier build whose dialogs had another version (see dialogVersions.test.ts) raises
 * botbuilder's `versionChanged` on its next turn. Unhandled, botbuilder means it to be traced and the conversation to
 * go on; it must not end in an error that costs the person their conversation.
 */
describe('a dialog state saved under another dialog version', () => {
  it('goes on where it was', async () => {
    const storage = new MemoryStorage();
    const ask = new ComponentDialog('askName');
    ask.addDialog(
      new WaterfallDialog('askName.main', [
        (step) => step.prompt('name', 'Wie heißen Sie?'),
        async (step) => {
          await step.context.sendActivity(`Hallo ${step.result}`);
          return step.endDialog();
        },
      ]),
    );
    ask.addDialog(new TextPrompt('name'));
    const main = new MainDialog(async () => ({ intent: 'ask', details: {} }) as any, [{ intent: 'ask', dialog: ask }]);
    const state = new ConversationState(storage);
    const accessor = state.createProperty<DialogState>('DialogState');
    const errors: Error[] = [];
    const adapter = new TestAdapter(async (context) => {
      setTurnUser(context, { person: { id: 1, displayName: 'Probe', role: 'customer', customerId: 1, locale: 'de' }, locale: 'de', userId: 'u1' });
      await main.run(context, accessor);
      await state.saveChanges(context);
    });
    adapter.onTurnError = async (_context, error) => {
      errors.push(error);
    };
    await adapter.send('los').assertReply('Wie heißen Sie?');

    // As an earlier build would have saved it: every container's version differs.
    const [key] = Object.keys((storage as any).memory);
    const saved = JSON.parse((storage as any).memory[key]);
    const stack = JSON.stringify(saved.DialogState.dialogStack).replace(/"version":"[^"]*"/g, '"version":"earlier build"');
    expect(stack).toContain('earlier build');
    saved.DialogState.dialogStack = JSON.parse(stack);
    (storage as any).memory[key] = JSON.stringify(saved);

    await adapter.send('Anna');
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(adapter.activeQueue.filter((a) => a.type === 'message').map((a) => a.text)).toEqual(['Hallo Anna']);
  });
});
