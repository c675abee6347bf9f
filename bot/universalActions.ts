/**
 * Teams' Universal Actions, applied once where a card leaves for the msteams channel: every Action.Submit becomes an
 * Action.Execute with the same data (its verb the data's `action`) and the Action.Submit as its fallback for clients
 * without Universal Actions, and the card gets a `refresh` for the person it was sent to, so Teams asks for the
 * current card (adaptiveCard/action, trigger "automatic") and that person never sees stale buttons. The templates in
 * cards/ stay one per purpose with Action.Submit, which Web Chat needs (it renders no Action.Execute).
 */

/** The verb and data `action` of a card's refresh; answered with the card as it is now, never run as a dialog turn. */
export const REFRESH_ACTION = 'card.refresh';

/** Only Teams clients run Action.Execute. */
export function usesUniversalActions(channelId: string | undefined): boolean {
  return channelId === 'msteams';
}

/** An Action.Submit that sends its data as a message (imBack, messageBack) stays one: it is no card action. */
function isCardSubmit(element: Record<string, any>): boolean {
  return element.type === 'Action.Submit' && !!element.data && typeof element.data === 'object' && !Array.isArray(element.data)
    && typeof element.data.action === 'string' && !('msteams' in element.data);
}

function convert(node: unknown): { node: unknown; converted: boolean } {
  if (Array.isArray(node)) {
    const items = node.map(convert);
    return { node: items.map((i) => i.node), converted: items.some((i) => i.converted) };
  }
  if (!node || typeof node !== 'object') return { node, converted: false };
  const element = node as Record<string, any>;
  if (isCardSubmit(element)) {
    const { type: _submit, ...rest } = element;
    return { node: { ...rest, type: 'Action.Execute', verb: element.data.action, fallback: { ...element } }, converted: true };
  }
  let converted = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    const result = convert(value);
    out[key] = result.node;
    converted = converted || result.converted;
  }
  return { node: out, converted };
}

/**
 * The card as Teams gets it: Action.Execute with an Action.Submit fallback, and, when it has such buttons, a refresh
 * for `userId` (the Teams user id the card was sent to; Teams refreshes automatically for up to 60 listed users).
 * Without `refresh` (a proactive message, whose card is not kept) there is none. The card given is not changed.
 */
export function withUniversalActions(card: Record<string, unknown>, refresh?: { cardRef: string; userId: string }): Record<string, unknown> {
  const { node, converted } = convert(card);
  const content = node as Record<string, unknown>;
  if (!converted || !refresh) return content;
  return {
    ...content,
    refresh: {
      action: { type: 'Action.Execute', verb: REFRESH_ACTION, data: { action: REFRESH_ACTION, cardRef: refresh.cardRef } },
      userIds: [refresh.userId],
    },
  };
}

/** Whether an adaptiveCard/action invoke is Teams asking for the current card rather than a press of a button. */
export function isRefreshInvoke(value: { trigger?: string; action?: { verb?: string; data?: unknown } } | undefined): boolean {
  if (!value?.action) return false;
  const data = value.action.data as { action?: unknown } | undefined;
  return value.action.verb === REFRESH_ACTION || data?.action === REFRESH_ACTION;
}
