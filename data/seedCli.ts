import { migrate, openDatabase } from './db';
import { seed } from './seed';

/** `npm run seed`: migrates the configured database (DATABASE_URL or DATA_DIR) and adds the demo data it lacks. */
async function main(): Promise<void> {
  const db = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  try {
    await migrate(db);
    await seed(db);
    const [products, people] = await Promise.all([db('products').count({ n: '*' }).first(), db('persons').count({ n: '*' }).first()]);
    console.log(`demo data in place: ${Number(products?.n)} products, ${Number(people?.n)} people`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(`seeding failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
