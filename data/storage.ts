import crypto from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder-core';
import type { Db } from './db';
import { hashKey } from './hashKey';

/**
 * botbuilder Storage on knex with the eTag rules of botbuilder's in-memory storage: an item is written unconditionally when it is new or
 * carries no eTag or '*'; otherwise only when its eTag matches the stored one. Every write gets a new eTag.
 * A batch is one transaction, so a conflict on one key writes none of them.
 */
export class KnexStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const result: StoreItems = {};
    if (keys.length === 0) return result;
    const byHash = new Map(keys.map((key) => [hashKey(key), key]));
    const rows = await this.db('bot_state').whereIn('key_hash', [...byHash.keys()]).select('key_hash', 'key', 'etag', 'data');
    for (const row of rows) {
      if (byHash.get(row.key_hash) !== row.key) continue; // a hash collision would be astronomically rare; never mix up keys
      result[row.key] = { ...JSON.parse(row.data), eTag: row.etag };
    }
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    await this.db.transaction(async (trx) => {
      for (const key of keys) {
        const { eTag, ...item } = changes[key] ?? {};
        const row = { key_hash: hashKey(key), key, etag: crypto.randomUUID(), data: JSON.stringify(item), updated_at: Date.now() };
        if (!eTag || eTag === '*') {
          await trx('bot_state').insert(row).onConflict('key_hash').merge(['etag', 'data', 'updated_at']);
          continue;
        }
        const updated = await trx('bot_state')
          .where({ key_hash: row.key_hash, etag: String(eTag) })
          .update({ etag: row.etag, data: row.data, updated_at: row.updated_at });
        if (updated > 0) continue;
        // No match: either the item is gone (then it is written, as the in-memory storage does) or someone wrote in between.
        const inserted = await trx('bot_state').insert(row).onConflict('key_hash').ignore().returning('key_hash');
        if (inserted.length === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db('bot_state').whereIn('key_hash', keys.map((key) => hashKey(key))).del();
  }
}
