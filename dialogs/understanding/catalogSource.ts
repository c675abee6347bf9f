import { listProducts } from '../../data/catalog';
import { migrate, openDatabase } from '../../data/db';
import { listCustomers } from '../../data/parties';
import { seedIfEmpty } from '../../data/seed';
import type { Product } from '../../domain/catalog';

/** The command-line tools read the catalog and customers from the configured database, as the bot does. */
export async function loadCatalog(): Promise<{ catalog: readonly Product[]; customers: { number: string; name: string }[] }> {
  const db = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  try {
    await migrate(db);
    await seedIfEmpty(db);
    const catalog = await listProducts(db);
    const customers = (await listCustomers(db)).map((c) => ({ number: c.number, name: c.name }));
    return { catalog, customers };
  } finally {
    await db.destroy();
  }
}
