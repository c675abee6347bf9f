import type { Product, VatRate } from '../domain/catalog';
import type { Db } from './db';

function toProduct(r: any): Product {
  return {
    sku: r.sku,
    kind: r.kind,
    category: r.category,
    name: { de: r.name_de, en: r.name_en },
    unit: { de: r.unit_de, en: r.unit_en },
    synonyms: { de: JSON.parse(r.synonyms_de), en: JSON.parse(r.synonyms_en) },
    priceCents: Number(r.price_cents),
    vatRate: Number(r.vat_rate) as VatRate,
    onHand: r.on_hand === null ? null : Number(r.on_hand),
    restockDate: r.restock_date,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    resourceIds: JSON.parse(r.resource_ids),
    onSite: r.on_site === true || Number(r.on_site) === 1,
  };
}

export async function listProducts(db: Db): Promise<Product[]> {
  const rows = await db('products').where({ active: true }).orderBy('sku');
  return rows.map(toProduct);
}

export async function findProduct(db: Db, sku: string): Promise<Product | null> {
  const row = await db('products').where({ sku }).first();
  return row ? toProduct(row) : null;
}
