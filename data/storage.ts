import crypto from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import DataLoader from 'dataloader';
import { rawRows, type Db } from './db';
import { hashKey } from './hashKey';

/** Keys per statement at most: well under both databases' limits on bound values. */
const MAX_BATCH = 200;

interface Row {
  key_hash: string;
  key: string;
  etag: string;
  data: string;
  updated_at: number;
}

/**
 * botbuilder Storage on knex with the eTag rules of botbuilder's in-memory storage: an item is written unconditionally when it is new or
 * carries no eTag or '*'; otherwise only when its eTag matches the stored one. Every write gets a new eTag.
 * A batch is one transaction, so a conflict on one key writes none of them.
 *
 * Reads, and writes without an eTag (botbuilder's BotState.saveChanges always writes with '*'), that are asked for in
 * the same tick go to the database together (DataLoader): a turn that loads its conversation and dialog state side by
 * side reads both rows in one statement and saves them in one.
 */
export class KnexStorage implements Storage {
  private readonly reader: DataLoader<string, StoreItem | undefined>;
  private readonly writer: DataLoader<StateWrite, void>;

  constructor(private readonly db: Db) {
    this.reader = new DataLoader((keys) => this.readRows(keys), { cache: false, maxBatchSize: MAX_BATCH });
    this.writer = new DataLoader((writes) => this.upsertRows(writes), { cache: false, maxBatchSize: MAX_BATCH });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const result: StoreItems = {};
    if (keys.length === 0) return result;
    const items = await this.reader.loadMany(keys);
    keys.forEach((key, i) => {
      const item = items[i];
      if (item instanceof Error) throw item;
      if (item) result[key] = item;
    });
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    if (keys.every((key) => unconditional(changes[key]))) {
      // One statement however many keys: atomic by itself.
      const done = await this.writer.loadMany(keys.map((key) => ({ key, item: changes[key] })));
      for (const outcome of done) if (outcome instanceof Error) throw outcome;
      return;
    }
    // One key is one statement, atomic by itself: no transaction around it.
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

  private async readRows(keys: readonly string[]): Promise<(StoreItem | undefined)[]> {
    const hashes = keys.map((key) => hashKey(key));
    const unique = [...new Set(hashes)];
    const rows = await rawRows<Row>(this.db, `select key_hash, "key", etag, data from bot_state where key_hash in (${unique.map(() => '?').join(', ')})`, unique);
    return keys.map(storedItemsOf(rows));
  }

  private async upsertRows(writes: readonly StateWrite[]): Promise<void[]> {
    const { sql, bindings } = unconditionalUpsert(writes);
    await this.db.raw(sql, bindings);
    return writes.map(() => undefined);
  }
}

export interface StateWrite {
  key: string;
  item: StoreItem | undefined;
  /** The item as JSON without its eTag, where the writer has made that text already (it is what is stored). */
  text?: string;
}

/**
 * Items written without an eTag check, as one statement (for KnexStorage, and for data/turns.ts to write them in the
 * statement that ends a turn). The same key twice: the later write wins, as it would one after the other.
 */
export function unconditionalUpsert(writes: readonly StateWrite[]): { sql: string; bindings: (string | number)[] } {
  const rows = new Map<string, Row>();
  for (const { key, item, text } of writes) {
    const row = rowOf(key, item, text);
    rows.delete(row.key_hash);
    rows.set(row.key_hash, row);
  }
  const values = [...rows.values()];
  return {
    sql: `insert into bot_state (key_hash, "key", etag, data, updated_at) values ${values.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       on conflict (key_hash) do update set etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`,
    bindings: values.flatMap((r) => [r.key_hash, r.key, r.etag, r.data, r.updated_at]),
  };
}

type StoredRow = Pick<Row, 'key_hash' | 'key' | 'etag' | 'data'>;

/** The row of each key among bot_state rows: a mapper for `keys.map`. */
function storedRowsOf<R extends Pick<Row, 'key_hash' | 'key'>>(rows: R[]): (key: string) => R | undefined {
  const byHash = new Map(rows.map((row) => [row.key_hash, row]));
  return (key) => {
    const row = byHash.get(hashKey(key));
    // A hash collision would be astronomically rare; never mix up keys.
    return row && row.key === key ? row : undefined;
  };
}

/** The stored item of each key among bot_state rows (key_hash, key, etag, data): a mapper for `keys.map`. */
export function storedItemsOf(rows: StoredRow[]): (key: string) => StoreItem | undefined {
  const rowOfKey = storedRowsOf(rows);
  return (key) => {
    const row = rowOfKey(key);
    return row ? { ...JSON.parse(row.data), eTag: row.etag } : undefined;
  };
}

/** The stored JSON text of each key among bot_state rows, as storedItemsOf reads them: a mapper for `keys.map`. */
export function storedTextsOf(rows: Pick<Row, 'key_hash' | 'key' | 'data'>[]): (key: string) => string | undefined {
  const rowOfKey = storedRowsOf(rows);
  return (key) => rowOfKey(key)?.data;
}

function unconditional(item: StoreItem | undefined): boolean {
  return !item?.eTag || item.eTag === '*';
}

function rowOf(key: string, change: StoreItem | undefined, text?: string): Row {
  const { eTag: _replaced, ...item } = text === undefined ? (change ?? {}) : {};
  return { key_hash: hashKey(key), key, etag: crypto.randomUUID(), data: text ?? JSON.stringify(item), updated_at: Date.now() };
}

/**
 * One item with an eTag in one statement: an insert, or on an existing row an update that only happens when the eTag
 * matches. No row back means the stored eTag differed: someone wrote in between. A missing row is written, as the
 * in-memory storage does.
 */
async function writeItem(db: Db, key: string, change: StoreItems[string]): Promise<void> {
  const row = rowOf(key, change);
  const upsert = db('bot_state').insert(row).onConflict('key_hash').merge(['etag', 'data', 'updated_at']);
  if (unconditional(change)) {
    await upsert;
    return;
  }
  const written = await upsert.where('bot_state.etag', String(change!.eTag)).returning('key_hash');
  if (written.length === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
