import { ComponentDialog, Dialog, DialogContext, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { AppExtras } from '../../bot/server';
import type { Recognizer } from '../../dialogs/recognizer';

/**
 * Test-only conversations registered through the same routes the business dialogs will use.
 * "count" starts a counter kept in dialog state; every further message increments it after a pause,
 * so two overlapping turns of one conversation would lose an update.
 */
class CounterDialog extends Dialog {
  constructor() {
    super('counter');
  }

  async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    dc.activeDialog!.state.count = 1;
    await dc.context.sendActivity('count 1');
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state;
    const seen = state.count as number;
    await new Promise((resolve) => setTimeout(resolve, 15));
    state.count = seen + 1;
    await dc.context.sendActivity(`count ${state.count}`);
    return Dialog.EndOfTurn;
  }
}

/** "ask" prompts for a name and thanks by it: a dialog that must survive a restart between the two turns. */
class AskNameDialog extends ComponentDialog {
  constructor() {
    super('askName');
    this.addDialog(new TextPrompt('namePrompt'));
    this.addDialog(
      new WaterfallDialog('askNameSteps', [
        async (step: WaterfallStepContext) => step.prompt('namePrompt', 'What is your name?'),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`Thanks, ${step.result}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'askNameSteps';
  }
}

/** "boom" fails inside the turn, as a bug or an unreachable database would. */
class FailingDialog extends Dialog {
  constructor() {
    super('failing');
  }

  async beginDialog(): Promise<DialogTurnResult> {
    throw new Error('simulated failure with internals /srv/secret.ts:42');
  }
}

const recognizer = (real: Recognizer): Recognizer => async (text, locale) => {
  if (text === 'count') return { intent: 'test.count' };
  if (text === 'ask') return { intent: 'test.ask' };
  if (text === 'boom') return { intent: 'test.boom' };
  return real(text, locale);
};

export function testDialogExtras(): AppExtras {
  return {
    recognizer,
    routes: [
      { intent: 'test.count', dialog: new CounterDialog() },
      { intent: 'test.ask', dialog: new AskNameDialog() },
      { intent: 'test.boom', dialog: new FailingDialog() },
    ],
  };
}
