import crypto from 'node:crypto';

/**
 * Recent keys and their hashes. A turn hashes the same few keys several times (its state keys as it opens and as it
 * ends, its conversation's lease and reference), and SHA-256 through node:crypto was about 2 % of a turn's CPU.
 * Cleared when full rather than ordered by use: cheap, and the keys of the turns running now come right back.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 5_000;

/** Fixed-size primary key for natural keys of any length; parts are joined unambiguously. */
export function hashKey(...parts: string[]): string {
  const joined = JSON.stringify(parts);
  let hash = recent.get(joined);
  if (hash === undefined) {
    // crypto.hash: the one-shot form, a third of createHash's cost for a short key; the same hex digest.
    hash = crypto.hash('sha256', joined, 'hex');
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(joined, hash);
  }
  return hash;
}
