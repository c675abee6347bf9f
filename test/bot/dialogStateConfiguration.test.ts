import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogState, DialogStateManagerConfiguration, WaterfallDialog } from 'botbuilder-dialogs';
import { DIALOG_STATE_CONFIGURATION, MainDialog } from '../../dialogs/mainDialog';
import { setTurnUser } from '../../dialogs/turnUser';

/**
 * MainDialog hands every turn the memory scopes and path resolvers of its first, through the turn-state key that
 * botbuilder-dialogs' DialogStateManager reads. Should a later SDK read them elsewhere, the turns would still work,
 * but this test says that the sharing stopped.
 */
describe('dialog state configuration', () => {
  it('is assembled once and used by every dialog context of every later turn', async () => {
    const seen: { step: DialogStateManagerConfiguration; turn: unknown }[] = [];
    const probe = new WaterfallDialog('probe', [
      async (step) => {
        seen.push({ step: step.state.configuration, turn: step.context.turnState.get(DIALOG_STATE_CONFIGURATION) });
        await step.context.sendActivity(`probe ${seen.length}`);
        return step.endDialog();
      },
    ]);
    const main = new MainDialog(async () => ({ intent: 'probe', details: {} }) as any, [{ intent: 'probe', dialog: probe }]);
    const state = new ConversationState(new MemoryStorage());
    const accessor = state.createProperty<DialogState>('DialogState');
    const adapter = new TestAdapter(async (context) => {
      setTurnUser(context, { person: { id: 1, displayName: 'Probe', role: 'customer', customerId: 1, locale: 'de' }, locale: 'de', userId: 'u1' });
      await main.run(context, accessor);
      await state.saveChanges(context);
    });
    await adapter.send('eins').assertReply('probe 1');
    await adapter.send('zwei').assertReply('probe 2');
    await adapter.send('drei').assertReply('probe 3');

    const first = seen[0].step;
    expect(first.memoryScopes.map((s) => s.name)).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user', 'settings']));
    expect(first.pathResolvers.length).toBeGreaterThan(0);
    for (const turn of seen) {
      expect(turn.step).toBe(first);
      expect(turn.turn).toBe(first);
    }
  });
});
