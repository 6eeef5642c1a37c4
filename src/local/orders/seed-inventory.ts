/** Seeds the inventory from the committed catalogue the first time the local stack starts on a data directory. */
import { readFileSync } from 'node:fs';
import type { CatalogueEntry } from '../../domain/catalogue';
import type { LocalDatabase } from '../emulator/store/database';

export const readCatalogue = (path: string): CatalogueEntry[] => JSON.parse(readFileSync(path, 'utf8')) as CatalogueEntry[];

/** Inserts products that are not there yet; existing counters are never touched. Returns how many were added. */
export const seedInventory = (db: LocalDatabase, catalogue: readonly CatalogueEntry[]): number =>
  db.transaction(() =>
    catalogue.reduce(
      (added, p) =>
        added +
        db.run(
          `INSERT INTO inventory (product_id, name, unit_price, available, reserved, sold)
           VALUES ($id, $name, $price, $stock, 0, 0) ON CONFLICT (product_id) DO NOTHING`,
          { id: p.productId, name: p.name, price: p.unitPrice, stock: p.stock },
        ).changes,
      0,
    ),
  );
