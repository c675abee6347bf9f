import { ConversationState, MemoryStorage, MessageFactory, TestAdapter, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { bindCard, type UnboundCard } from '../../cards/bind';
import { AnswerPrompt, cardPrompt, type Answer, type CardPromptOptions } from '../../dialogs/answerPrompt';

const card: UnboundCard = { name: 'customerChoice', data: { question: 'Für welchen Kunden?', customers: [{ title: 'Müller Bau GmbH (10001)', number: '10001' }] } };

/** A dialog asking one card prompt with `options`, whose validator takes only "10001"; what was saved is kept in `storage`. */
function chat(options: CardPromptOptions, storage = new MemoryStorage()) {
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('DialogState'));
  dialogs.add(new AnswerPrompt('ask', async (p) => (p.recognized.value as Answer).text === '10001'));
  dialogs.add(new WaterfallDialog('main', [(step) => step.prompt('ask', options), async (step) => {
    await step.context.sendActivity(`ok ${(step.result as Answer).text}`);
    return step.endDialog();
  }]));
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('main');
    await state.saveChanges(context);
  });
  return { adapter, storage };
}

const shows = (text: string | undefined) => (activity: Partial<Activity>) => {
  expect(activity.text).toBe(text);
  expect(activity.attachments?.[0].content).toEqual(bindCard(card.name, card.data).content);
};

describe('card prompt', () => {
  it('shows its card with its text, and again with the retry text after an answer that does not fit', async () => {
    const { adapter, storage } = chat(cardPrompt(card, 'Bitte wählen Sie.', 'Bitte wählen Sie einen der Kunden.'));
    await adapter.send('hallo').assertReply(shows('Bitte wählen Sie.'));
    // The dialog state keeps the card's template name and data, not the bound card.
    const saved = JSON.stringify(Object.values((storage as any).memory));
    expect(saved).toContain('customerChoice');
    expect(saved).not.toContain('AdaptiveCard');
    await adapter.send('wer?').assertReply(shows('Bitte wählen Sie einen der Kunden.'));
    await adapter.send('10001').assertReply('ok 10001');
  });

  it('asks again with the card a prompt saved by an earlier build kept bound', async () => {
    const earlier = { prompt: MessageFactory.attachment(bindCard(card.name, card.data), 'Bitte wählen Sie.') as Activity, retryText: 'Bitte wählen Sie einen der Kunden.' };
    const { adapter } = chat(earlier);
    await adapter.send('hallo').assertReply(shows('Bitte wählen Sie.'));
    await adapter.send('wer?').assertReply(shows('Bitte wählen Sie einen der Kunden.'));
  });

  it('asks without a text when it has none', async () => {
    const { adapter } = chat(cardPrompt(card, undefined, 'Bitte wählen Sie einen der Kunden.'));
    await adapter.send('hallo').assertReply(shows(undefined));
  });
});
