import {
  Activity, AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, ChannelAccount, ConversationState, InvokeResponse,
  StatePropertyAccessor, Storage, TeamsActivityHandler, TeamsInfo, TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { findPersonByEmail, linkChannelIdentity } from '../data/parties';
import { referenceDataOf } from '../data/referenceData';
import { toLocale } from '../domain/locale';
import type { Person } from '../domain/parties';
import { runLinkCommand } from '../dialogs/identityLink';
import { welcomeText, type MainDialog } from '../dialogs/mainDialog';
import { commonTexts } from '../dialogs/texts/common';
import { teamsTexts } from '../dialogs/texts/teams';
import { setTurnUser, TurnUser } from '../dialogs/turnUser';
import { CardOutcomes } from './cardOutcomes';
import { ConversationRefSaver } from './conversationRefSaver';
import type { Logger } from './logger';
import { isSharedConversation } from './sharedConversationState';
import { watchSuggestedActions } from './suggestedActions';
import { isRefreshInvoke } from './universalActions';

interface ConversationFlags {
  welcomed?: boolean;
}

/** The Entra tenant of a Teams activity (conversation.tenantId, or channelData.tenant.id as Teams also sends it). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? undefined;
}

/**
 * Resolves a channel account to a person: by the channel's user id, and in Teams also by the Entra object id. Read
 * through the reference data, which holds who is who until a person or channel identity changes (`turn`: see there).
 */
export async function resolvePerson(db: Db, channelId: string, account: ChannelAccount, tenantId?: string, turn?: object): Promise<Person | null> {
  const people = referenceDataOf(db);
  const byId = await people.person(channelId, account.id, tenantId, turn);
  if (byId || channelId !== 'msteams' || !account.aadObjectId) return byId;
  return people.person(channelId, account.aadObjectId, tenantId, turn);
}

/** Who is asking, in which language: the person's stored language wins over the channel's locale. */
export async function identifyTurnUser(db: Db, activity: Activity, turn?: object): Promise<TurnUser> {
  const from = activity.from ?? { id: '', name: '' };
  const person = from.id ? await resolvePerson(db, activity.channelId, from, tenantOf(activity), turn) : null;
  return { person, locale: person?.locale ?? toLocale(activity.locale), userId: from.id };
}

/**
 * A Teams user not linked yet whose e-mail or UPN (from the Teams roster, TeamsInfo.getMember) is a person's e-mail
 * is linked to that person, by the Entra object id and tenant. Anything else leaves them unlinked.
 */
async function linkByEmail(db: Db, context: TurnContext, logger: Logger): Promise<Person | null> {
  const { from } = context.activity;
  if (context.activity.channelId !== 'msteams' || !from?.id || !from.aadObjectId) return null;
  let member;
  try {
    member = await TeamsInfo.getMember(context, from.id);
  } catch (err: any) {
    logger.warn({ error: err?.message }, 'Teams member could not be read; the user stays unlinked for now');
    return null;
  }
  for (const address of [member.email, member.userPrincipalName]) {
    if (!address) continue;
    const person = await findPersonByEmail(db, address);
    if (!person) continue;
    const result = await linkChannelIdentity(db, { channelId: 'msteams', userId: from.aadObjectId, tenantId: tenantOf(context.activity) ?? null }, person.id, 'email');
    if (result.linked) {
      logger.info({ personId: person.id }, 'Teams user linked by e-mail');
      return person;
    }
  }
  return null;
}

export class AuftragsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly flags: StatePropertyAccessor<ConversationFlags>;
  /** Where dialog state lived before it was kept per person (conversation state, no namespace). */
  private readonly legacyDialogState: StatePropertyAccessor<DialogState>;
  private readonly outcomes: CardOutcomes;
  private readonly conversationRefs: ConversationRefSaver;

  /**
   * `conversationState` holds what belongs to the conversation (greeted once); `dialogStates` the dialogs, per
   * person where the conversation is shared (DialogStateByPerson).
   */
  constructor(
    private readonly db: Db,
    private readonly conversationState: ConversationState,
    private readonly dialogStates: ConversationState,
    private readonly dialog: MainDialog,
    private readonly logger: Logger,
    /** Where Teams cards are kept for their refresh (bot/cardOutcomes.ts); the state's storage. */
    storage?: Storage,
  ) {
    super();
    this.dialogState = dialogStates.createProperty<DialogState>('DialogState');
    this.flags = conversationState.createProperty<ConversationFlags>('flags');
    this.legacyDialogState = conversationState.createProperty<DialogState>('DialogState');
    this.outcomes = new CardOutcomes(conversationState, logger, storage);
    this.conversationRefs = new ConversationRefSaver(db);

    this.onMembersAdded(async (context, next) => {
      // Teams sends membersAdded more than once on install (and installationUpdate besides); greet once per conversation.
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.greetOnce(context, newcomers);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greetOnce(context, context.activity.from?.id ? [context.activity.from] : []);
      await next();
    });

    this.onMessage(async (context, next) => {
      if (!(await runLinkCommand(context, this.db))) await this.runDialog(context);
      await next();
    });
  }

  /** In a shared conversation one general greeting; in a personal chat the person by name (or how to get linked). */
  private async greetOnce(context: TurnContext, members: ChannelAccount[]): Promise<void> {
    const flags = await this.flags.get(context, {});
    if (flags.welcomed) return;
    flags.welcomed = true;
    const shared = isSharedConversation(context.activity);
    for (const member of shared ? members.slice(0, 1) : members) {
      const person = shared ? null : await resolvePerson(this.db, context.activity.channelId, member, tenantOf(context.activity), context);
      const locale = person?.locale ?? toLocale(context.activity.locale);
      if (shared) await context.sendActivity(teamsTexts(locale, 'welcomeShared'));
      else await context.sendActivity(person ? welcomeText(locale, person) : commonTexts(locale, 'notLinked', { userId: member.id }));
    }
  }

  /**
   * A dialog begun before dialog state was kept per person continues where it was in a personal chat; in a shared
   * conversation nobody can tell whose it was, so it is dropped there.
   */
  private async adoptLegacyDialogState(context: TurnContext): Promise<void> {
    const legacy = await this.legacyDialogState.get(context);
    if (!legacy) return;
    if (!isSharedConversation(context.activity) && !(await this.dialogState.get(context))) await this.dialogState.set(context, legacy);
    await this.legacyDialogState.delete(context);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    await this.outcomes.around(context, () => this.dialog.run(context, this.dialogState));
  }

  /**
   * Action.Execute (Teams Universal Actions) carries the same data as our Action.Submit buttons: the dialogs get it
   * as the activity's value; the answer to Teams is the card with the outcome, which replaces the pressed one.
   */
  protected async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (invokeValue.action.data ?? {}) as Record<string, unknown>;
    // Teams asking for the current card (refresh) is no press: nothing runs, the card is as it is now.
    if (isRefreshInvoke(invokeValue)) return cardResponse(await this.outcomes.current(context, data.cardRef));
    context.activity.value = data;
    // Prompts only read messages: for the dialogs this press is the message an Action.Submit would have been.
    const outcome = await this.outcomes.collect(context, async () => {
      context.activity.type = 'message';
      try {
        await this.dialog.run(context, this.dialogState);
      } finally {
        context.activity.type = 'invoke';
      }
    });
    // A press that settled nothing (an old card, someone else's, paging): the dialogs answered; the card stays as it is now.
    return cardResponse(outcome ?? (await this.outcomes.current(context, data.cardRef)));
  }

  /** Invokes this bot does not serve answer 400 NotSupported rather than botbuilder's 501, which reads as a server fault. */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response?.status === 501) return { status: 400, body: { code: 'NotSupported', message: `The invoke "${String(context.activity.name ?? '')}" is not supported.` } };
    return response;
  }

  async run(context: TurnContext): Promise<void> {
    stripBotMention(context);
    // Both states side by side: KnexStorage reads them in one statement (and saves them in one, below).
    let [user] = await Promise.all([
      identifyTurnUser(this.db, context.activity, context),
      this.conversationState.load(context),
      this.dialogStates.load(context),
    ]);
    if (!user.person && context.activity.type === 'message') {
      const person = await linkByEmail(this.db, context, this.logger);
      if (person) user = { ...user, person, locale: person.locale ?? user.locale };
    }
    setTurnUser(context, user);
    watchSuggestedActions(context);
    await this.outcomes.watchSentCards(context);
    // A shared conversation is nobody's own: notifications about a person's orders go to their personal chats.
    await this.conversationRefs.save({
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
      personId: isSharedConversation(context.activity) ? null : (user.person?.id ?? null),
      locale: user.locale,
      reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
    }, context);
    this.logger.debug({ activityType: context.activity.type, personId: user.person?.id ?? null }, 'turn');
    await this.adoptLegacyDialogState(context);
    await super.run(context);
    await Promise.all([this.conversationState.saveChanges(context, false), this.dialogStates.saveChanges(context, false)]);
  }
}

/** The answer to an adaptiveCard/action: the card to show now, or (none known) an empty message answer. */
function cardResponse(card: { content: Record<string, unknown> } | null): AdaptiveCardInvokeResponse {
  if (card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content as any };
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' as any };
}

/** In Teams a message to the bot in a group chat or channel starts with "<at>Auftragsbot</at>"; the dialogs never see it. */
function stripBotMention(context: TurnContext): void {
  const activity = context.activity;
  if (activity.type !== 'message' || typeof activity.text !== 'string' || !activity.recipient?.id) return;
  const mentioned = (activity.entities ?? []).some((e: any) => e?.type === 'mention' && e.mentioned?.id === activity.recipient.id);
  if (!mentioned) return;
  activity.text = TurnContext.removeRecipientMention(activity).replace(/\s+/g, ' ').trim();
}
