import type { Product } from '../domain/catalog';
import type { Customer } from '../domain/parties';
import { listProducts } from './catalog';
import { rawRows, type Db } from './db';
import { listCustomers } from './parties';

/** The catalog (active products) and the customers as of one reference version. Shared: nobody changes them. */
export interface ReferenceSnapshot {
  version: number;
  catalog: readonly Product[];
  customers: readonly Customer[];
}

/**
 * Catalog and customers kept in memory, checked against the reference version that every change to products or
 * customers moves in its own transaction (migration 015's triggers, so a change made outside the bot or by another
 * instance counts too): a turn reads one number instead of both lists, and never sees them older than that number.
 * Within one turn (`turn`, any object that lives as long as the turn) the number is read once.
 */
export class ReferenceData {
  private cached: ReferenceSnapshot | null = null;
  private readonly perTurn = new WeakMap<object, Promise<ReferenceSnapshot>>();

  constructor(private readonly db: Db) {}

  current(turn?: object): Promise<ReferenceSnapshot> {
    if (!turn) return this.load();
    let snapshot = this.perTurn.get(turn);
    if (!snapshot) {
      snapshot = this.load();
      this.perTurn.set(turn, snapshot);
      snapshot.catch(() => this.perTurn.delete(turn));
    }
    return snapshot;
  }

  private async load(): Promise<ReferenceSnapshot> {
    // The version first: lists read after it are at least that new, so a change in between is only read again later.
    const [row] = await rawRows(this.db, 'select version from reference_version where id = 1');
    const version = Number(row?.version ?? 0);
    if (this.cached && this.cached.version === version) return this.cached;
    const [catalog, customers] = await Promise.all([listProducts(this.db), listCustomers(this.db)]);
    // Frozen, so that a caller sorting or changing a shared list fails loudly instead of changing it for everyone.
    this.cached = { version, catalog: Object.freeze(catalog.map((p) => Object.freeze(p))), customers: Object.freeze(customers.map((c) => Object.freeze(c))) };
    return this.cached;
  }
}

const shared = new WeakMap<Db, ReferenceData>();

/** The one ReferenceData of a database handle, so every dialog and the recognizer share one cache. */
export function referenceDataOf(db: Db): ReferenceData {
  let data = shared.get(db);
  if (!data) shared.set(db, (data = new ReferenceData(db)));
  return data;
}
