import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

/**
 * Shows "typing …" while a message takes the bot longer than a moment: a first typing activity after `delayMs`,
 * then one every `periodMs` until the turn ends. botbuilder's ShowTypingMiddleware does the same, but hands a
 * failed typing send to onTurnError, which apologises to the user and clears the dialog state (the draft order);
 * a typing indicator that could not be shown is not worth that, so here it is only logged.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 500,
    private readonly periodMs = 2000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (ms: number) => {
      timer = setTimeout(async () => {
        if (finished) return;
        try {
          // Straight to the adapter: no other middleware, and the turn does not count as answered.
          const typing = TurnContext.applyConversationReference(
            { type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo },
            TurnContext.getConversationReference(context.activity),
          );
          await context.adapter.sendActivities(context, [typing]);
        } catch (err) {
          this.logger.warn({ err, conversationId: context.activity.conversation?.id }, 'typing indicator not sent');
        }
        if (!finished) schedule(this.periodMs);
      }, ms);
    };
    schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
