import { calculateChangeHash, ConversationState, TurnContext } from 'botbuilder';
import { turnEndWritesOf } from './turnEnd';

/** What BotState keeps in the turn state: the state object and what it looked like when read or last written. */
interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

/**
 * ConversationState that tells a changed state by its plain JSON text. botbuilder's BotState hashes the state three
 * times a turn (on load, before and after saving) with a JSON.stringify that runs a replacer on every value and then
 * SHA-256: for a dialog stack holding a summary card that was 6 % of an order turn (`npm run bench:profile`). The
 * JSON text is what KnexStorage stores, so comparing it is as exact as the hash; a state that JSON cannot stringify (a
 * cycle) falls back to botbuilder's own hash. The rest (keys, property accessors, clear, delete) is BotState's.
 */
export class JsonConversationState extends ConversationState {
  /** BotState's private turn-state key (a symbol per instance). */
  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }

  async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    this.preload(context, items[key]);
    return context.turnState.get(this.cacheKey).state;
  }

  /**
   * The state as read for this turn elsewhere (bot/turnGuard.ts reads it with the turn's other opening reads). `text`:
   * its JSON as stored, which is what stringifying it unchanged gives, so it need not be stringified to compare.
   */
  preload(context: TurnContext, item: Record<string, unknown> | undefined, text?: string): void {
    const state = item ?? {};
    context.turnState.set(this.cacheKey, { state, hash: item && text !== undefined ? text : textOf(state) } satisfies Cached);
  }

  async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    const json = cached ? jsonOf(cached.state) : null;
    if (!force && (!cached || cached.hash === (json ?? textOf(cached.state)))) return;
    const key = await this.storageKey(context);
    cached ??= { state: {}, hash: '' };
    cached.state.eTag = '*';
    const atTurnEnd = turnEndWritesOf(context);
    // The text compared above is what is stored: written as it is, the state is not turned into JSON once more.
    if (atTurnEnd) atTurnEnd.states.set(key, { item: { ...cached.state }, text: json ?? undefined });
    else await this.storage.write({ [key]: cached.state });
    cached.hash = json ?? textOf(cached.state);
    context.turnState.set(this.cacheKey, cached);
  }
}

/** The state as it is stored, without its eTag (which changes on every write); null when JSON cannot hold it. */
function jsonOf(state: Record<string, unknown>): string | null {
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return null;
  }
}

/** What tells a state's changes: its stored JSON, or (a state JSON cannot stringify, a cycle) botbuilder's own hash. */
function textOf(state: Record<string, unknown>): string {
  return jsonOf(state) ?? calculateChangeHash(state);
}
