import { ComponentRegistration, ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogStateManager, WaterfallDialog, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { installDialogStateManagerFixes } from '../../dialogs/dialogStateManagerFixes';

// The unfixed parse, taken before the fixes go in, to compare with.
const originalParsePath = DialogStateManager.prototype.parsePath;
installDialogStateManagerFixes();

/** Runs `check` with the DialogContext of a waterfall step in a real turn. */
async function inStep(check: (dc: DialogContext) => void | Promise<void>): Promise<void> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('DialogState'));
  let failure: unknown;
  dialogs.add(new WaterfallDialog('main', [async (step) => {
    try {
      await check(step);
    } catch (err) {
      failure = err;
    }
    return step.endDialog();
  }]));
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    await dc.beginDialog('main');
    await state.saveChanges(context);
  });
  await adapter.send('hallo').startTest();
  if (failure) throw failure;
}

const registrations = () => ComponentRegistration.components.filter((c) => c.constructor.name === 'DialogsComponentRegistration');

describe('DialogStateManager fixes', () => {
  it('constructs the dialogs component registration once, however many state managers a turn makes', async () => {
    await inStep((dc) => {
      const first = registrations();
      new DialogStateManager(dc);
      new DialogStateManager(dc);
      expect(registrations()).toHaveLength(1);
      expect(registrations()[0]).toBe(first[0]);
      // What it registers still serves: the dialogs' memory scopes and path resolvers.
      const scopes = (registrations()[0] as any).getMemoryScopes().map((s: { name: string }) => s.name);
      expect(scopes).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user', 'this']));
    });
  });

  it('parses every kind of path as botbuilder does, and hands out a fresh array each time', async () => {
    await inStep((dc) => {
      dc.state.setValue('turn.key', 'b');
      const manager = dc.state;
      const paths = ['turn.stepCount', 'dialog._tracker.paths', 'a.b.c', '.a', 'a.', 'a..b', 'x.$foo', 'turn.a[0]', "turn['x y']", 'turn.a[turn.key]', 'turn.a-b_c()'];
      for (const path of paths) {
        for (const nested of [true, false]) {
          expect(manager.parsePath(path, nested)).toEqual(originalParsePath.call(manager, path, nested));
          expect(manager.parsePath(path, nested)).toEqual(originalParsePath.call(manager, path, nested)); // remembered
        }
      }
      expect(manager.parsePath('turn.a[turn.key]')).toEqual(['turn', 'a', 'b']);
      const segments = manager.parsePath('turn.stepCount');
      segments.pop();
      expect(manager.parsePath('turn.stepCount')).toEqual(['turn', 'stepCount']);
      expect(() => manager.parsePath('turn.a b')).toThrow('Invalid path');
      expect(() => manager.parsePath('turn.a b')).toThrow('Invalid path');
    });
  });

  it('reads, writes and deletes memory through remembered paths', async () => {
    await inStep((dc) => {
      dc.state.setValue('turn.order.lines', 3);
      dc.state.setValue('dialog.count', 1);
      expect(dc.state.getValue('turn.order.lines')).toBe(3);
      dc.state.deleteValue('turn.order.lines');
      expect(dc.state.getValue('turn.order.lines')).toBeUndefined();
      // The delete popped its own copy, not the remembered segments.
      dc.state.setValue('turn.order.lines', 4);
      expect(dc.state.getValue('turn.order')).toEqual({ lines: 4 });
      expect(dc.state.getValue('dialog.count')).toBe(1);
    });
  });
});
