/** Delivers an activity to the bot's messaging endpoint, as the Bot Connector service would. */

export type DeliveryResult = { ok: true; status: number } | { ok: false; status?: number; reason: string };

// Longer than a client's 20 s request timeout would be pointless; a turn that needs more should work proactively.
const BOT_TIMEOUT_MS = 20_000;

export async function deliverToBot(endpoint: string, activity: Record<string, any>): Promise<DeliveryResult> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(BOT_TIMEOUT_MS),
    });
  } catch (err: any) {
    return { ok: false, reason: err?.name === 'TimeoutError' ? 'timeout' : `network error (${err?.cause?.code ?? err?.name ?? 'unknown'})` };
  }
  // Drain the body so the connection can be reused; its content (an invoke response) is not relayed.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  return { ok: false, status: response.status, reason: `bot answered ${response.status}` };
}
