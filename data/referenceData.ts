import type { Product } from '../domain/catalog';
import type { Customer, Person } from '../domain/parties';
import { listProducts } from './catalog';
import { rawRows, type Db } from './db';
import { findPersonByChannel, listCustomers } from './parties';

/** The catalog (active products) and the customers as of one reference version. Shared: nobody changes them. */
export interface ReferenceSnapshot {
  version: number;
  catalog: readonly Product[];
  customers: readonly Customer[];
}

/** People looked up by channel account kept per version, at most this many (then forgotten and read again). */
const MAX_PEOPLE = 10_000;

/**
 * Catalog, customers and the people behind channel accounts kept in memory, checked against the reference version
 * that every change to products, customers, persons or channel identities moves in its own transaction (migration
 * 015's triggers, so a change made outside the bot or by another instance counts too): a turn reads one number
 * instead of the lists and the person, and never sees them older than that number. Within one turn (`turn`, any
 * object that lives as long as the turn) the number is read once.
 */
export class ReferenceData {
  private cached: ReferenceSnapshot | null = null;
  private people: { version: number; byAccount: Map<string, Person | null> } = { version: -1, byAccount: new Map() };
  private readonly perTurn = new WeakMap<object, Promise<number>>();

  constructor(private readonly db: Db) {}

  async current(turn?: object): Promise<ReferenceSnapshot> {
    // The version first: lists read after it are at least that new, so a change in between is only read again later.
    const version = await this.version(turn);
    if (this.cached && this.cached.version === version) return this.cached;
    const [catalog, customers] = await Promise.all([listProducts(this.db), listCustomers(this.db)]);
    // Frozen, so that a caller sorting or changing a shared list fails loudly instead of changing it for everyone.
    this.cached = { version, catalog: Object.freeze(catalog.map((p) => Object.freeze(p))), customers: Object.freeze(customers.map((c) => Object.freeze(c))) };
    return this.cached;
  }

  /** The person a channel account belongs to (findPersonByChannel), as of the current version. */
  async person(channelId: string, userId: string, tenantId: string | undefined, turn?: object): Promise<Person | null> {
    const version = await this.version(turn);
    if (this.people.version !== version) this.people = { version, byAccount: new Map() };
    const { byAccount } = this.people;
    const key = JSON.stringify([channelId, userId, tenantId ?? null]);
    if (byAccount.has(key)) return byAccount.get(key)!;
    const person = await findPersonByChannel(this.db, channelId, userId, tenantId);
    if (byAccount.size >= MAX_PEOPLE) byAccount.clear();
    byAccount.set(key, person && Object.freeze(person));
    return person;
  }

  /** The version this turn read already (data/turns.ts openTurn reads it with the turn's other opening reads). */
  versionReadForTurn(turn: object, version: number): void {
    this.perTurn.set(turn, Promise.resolve(version));
  }

  private version(turn?: object): Promise<number> {
    if (!turn) return this.readVersion();
    let version = this.perTurn.get(turn);
    if (!version) {
      version = this.readVersion();
      this.perTurn.set(turn, version);
      version.catch(() => this.perTurn.delete(turn));
    }
    return version;
  }

  private async readVersion(): Promise<number> {
    const [row] = await rawRows(this.db, 'select version from reference_version where id = 1');
    return Number(row?.version ?? 0);
  }
}

const shared = new WeakMap<Db, ReferenceData>();

/** The one ReferenceData of a database handle, so every dialog and the recognizer share one cache. */
export function referenceDataOf(db: Db): ReferenceData {
  let data = shared.get(db);
  if (!data) shared.set(db, (data = new ReferenceData(db)));
  return data;
}
