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
    // One key (every turn's case) is one statement, atomic by itself: no transaction around it.
    if (keys.length === 1) return writeItem(this.db, keys[0], changes[keys[0]]);
    await this.db.transaction(async (trx) => {
      for (const key of keys) await writeItem(trx, key, changes[key]);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db('bot_state').whereIn('key_hash', keys.map((key) => hashKey(key))).del();
  }
}

/**
 * One item in one statement: an insert, or on an existing row an update that only happens when the eTag matches
 * (none or '*' always writes). No row back means the stored eTag differed: someone wrote in between. A missing row
 * is written, as the in-memory storage does.
 */
async function writeItem(db: Db, key: string, change: StoreItems[string]): Promise<void> {
  const { eTag, ...item } = change ?? {};
  const row = { key_hash: hashKey(key), key, etag: crypto.randomUUID(), data: JSON.stringify(item), updated_at: Date.now() };
  const upsert = db('bot_state').insert(row).onConflict('key_hash').merge(['etag', 'data', 'updated_at']);
  if (!eTag || eTag === '*') {
    await upsert;
    return;
  }
  const written = await upsert.where('bot_state.etag', String(eTag)).returning('key_hash');
  if (written.length === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
