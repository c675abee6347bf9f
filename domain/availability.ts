/** What the customer chose when stock is short: wait for everything, take what is there now, or not asked yet. */
export type BackorderChoice = 'backorder' | 'partial' | null;

export interface StockQuestion {
  onHand: number;
  /** Units already promised to other open orders. */
  reserved: number;
  requested: number;
  /** When new stock is expected (YYYY-MM-DD), if known. */
  restockDate: string | null;
}

export type StockAnswer =
  | { ok: true }
  | { ok: false; available: number; shortBy: number; restockDate: string | null };

export function availableStock(onHand: number, reserved: number): number {
  return Math.max(0, onHand - reserved);
}

export function checkStock({ onHand, reserved, requested, restockDate }: StockQuestion): StockAnswer {
  const available = availableStock(onHand, reserved);
  if (requested <= available) return { ok: true };
  return { ok: false, available, shortBy: requested - available, restockDate };
}

/** How a line is split when the customer takes a partial delivery: what ships now and what follows. */
export function splitPartial(requested: number, available: number): { now: number; later: number } {
  const now = Math.max(0, Math.min(requested, available));
  return { now, later: requested - now };
}
