import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { createLogger } from '../../bot/logger';
import { TypingIndicator } from '../../bot/typingIndicator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger('silent');

/** botbuilder's TestAdapter whose channel refuses typing activities, as a flaky connector would. */
class RefusingTypingAdapter extends TestAdapter {
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
    if (activities.some((a) => a.type === ActivityTypes.Typing)) throw new Error('connector unavailable');
    return super.sendActivities(context, activities);
  }
}

describe('TypingIndicator', () => {
  it('sends typing while a slow turn works, and nothing for a quick one', async () => {
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'slow') await sleep(800);
      await context.sendActivity(`done ${context.activity.text}`);
    });
    // First after 100 ms, then every 400 ms: at 100 and 500 ms of an 800 ms turn (wide margins for a busy machine).
    adapter.use(new TypingIndicator(logger, 100, 400));
    await adapter
      .send('slow')
      .assertReply((a) => expect(a.type).toBe(ActivityTypes.Typing))
      .assertReply((a) => expect(a.type).toBe(ActivityTypes.Typing))
      .assertReply('done slow')
      .send('quick')
      .assertReply('done quick')
      .startTest();
    // Nothing keeps typing after the turn.
    await sleep(300);
    expect(adapter.activeQueue).toHaveLength(0);
  });

  it('a typing activity that cannot be sent is only logged: the turn goes on, no turn error', async () => {
    const turnErrors: Error[] = [];
    const adapter = new RefusingTypingAdapter(async (context) => {
      await sleep(300);
      await context.sendActivity('answer');
    });
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    adapter.use(new TypingIndicator(logger, 50, 100));
    await adapter.send('slow').assertReply('answer').startTest();
    expect(turnErrors).toEqual([]);
  });
});
