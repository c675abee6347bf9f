/** The `action` of an Adaptive Card submit (cards/*.json put it in data.action); null for anything else. */
export function cardActionOf(value: unknown): string | null {
  const action = (value as { action?: unknown } | null | undefined)?.action;
  return typeof action === 'string' ? action : null;
}
