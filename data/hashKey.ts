import crypto from 'node:crypto';
import { remembered } from '../domain/remembered';

/**
 * Recent keys and their hashes. A turn hashes the same few keys several times (its state keys as it opens and as it
 * ends, its conversation's lease and reference), and SHA-256 through node:crypto was about 2 % of a turn's CPU.
 * crypto.hash: the one-shot form, a third of createHash's cost for a short key; the same hex digest.
 */
const sha256 = remembered((joined: string) => crypto.hash('sha256', joined, 'hex'), 5_000);

/** Fixed-size primary key for natural keys of any length; parts are joined unambiguously. */
export function hashKey(...parts: string[]): string {
  return sha256(JSON.stringify(parts));
}
