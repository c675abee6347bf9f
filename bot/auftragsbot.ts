import { Activity, ActivityHandler, AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, ChannelAccount, InvokeResponse, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { saveConversationRef } from '../data/conversationRefs';
import type { Db } from '../data/db';
import { findPersonByChannel } from '../data/parties';
import { toLocale } from '../domain/locale';
import type { Person } from '../domain/parties';
import { welcomeText, type MainDialog } from '../dialogs/mainDialog';
import { commonTexts } from '../dialogs/texts/common';
import { setTurnUser, TurnUser } from '../dialogs/turnUser';
import type { Logger } from './logger';

interface ConversationFlags {
  welcomed?: boolean;
}

/** Resolves a channel account to a person: by the channel's user id, and in Teams also by the Entra object id. */
export async function resolvePerson(db: Db, channelId: string, account: ChannelAccount): Promise<Person | null> {
  const byId = await findPersonByChannel(db, channelId, account.id);
  if (byId || channelId !== 'msteams' || !account.aadObjectId) return byId;
  return findPersonByChannel(db, channelId, account.aadObjectId);
}

/** Who is asking, in which language: the person's stored language wins over the channel's locale. */
export async function identifyTurnUser(db: Db, activity: Activity): Promise<TurnUser> {
  const from = activity.from ?? { id: '', name: '' };
  const person = from.id ? await resolvePerson(db, activity.channelId, from) : null;
  return { person, locale: person?.locale ?? toLocale(activity.locale), userId: from.id };
}

export class AuftragsBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;

  constructor(
    private readonly db: Db,
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
    private readonly logger: Logger,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.flags = conversationState.createProperty<ConversationFlags>('flags');

    this.onMembersAdded(async (context, next) => {
      const flags = await this.flags.get(context, {});
      // Teams sends membersAdded more than once on install; greet once per conversation.
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (!flags.welcomed && newcomers.length > 0) {
        for (const member of newcomers) {
          const person = await resolvePerson(this.db, context.activity.channelId, member);
          const locale = person?.locale ?? toLocale(context.activity.locale);
          await context.sendActivity(
            person
              ? welcomeText(locale, person)
              : commonTexts(locale, 'notLinked', { userId: member.id }),
          );
        }
        flags.welcomed = true;
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  /**
   * Action.Execute (Teams Universal Actions) carries the same data as our Action.Submit buttons: the dialogs get it
   * as the activity's value, and Teams is told the action was taken (the replies arrive as messages).
   */
  protected async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    context.activity.value = invokeValue.action.data ?? {};
    await this.dialog.run(context, this.dialogState);
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' as any };
  }

  /** Invokes this bot does not serve answer 400 NotSupported rather than botbuilder's 501, which reads as a server fault. */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response?.status === 501) return { status: 400, body: { code: 'NotSupported', message: `The invoke "${String(context.activity.name ?? '')}" is not supported.` } };
    return response;
  }

  async run(context: TurnContext): Promise<void> {
    const user = await identifyTurnUser(this.db, context.activity);
    setTurnUser(context, user);
    await saveConversationRef(this.db, {
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
      personId: user.person?.id ?? null,
      locale: user.locale,
      reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
    });
    this.logger.debug({ activityType: context.activity.type, personId: user.person?.id ?? null }, 'turn');
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
