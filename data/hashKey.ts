import crypto from 'node:crypto';

/** Fixed-size primary key for natural keys of any length; parts are joined unambiguously. */
export function hashKey(...parts: string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
