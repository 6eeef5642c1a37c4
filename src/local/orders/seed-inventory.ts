/** Seeds the inventory from the committed catalogue the first time the local stack starts on a data directory. */
import { readFileSync } from 'node:fs';
import type { CatalogueEntry } from '../../domain/catalogue';
import type { LocalDatabase } from '../emulator/store/database';

export const readCatalogue = (path: string): CatalogueEntry[] => JSON.parse(readFileSync(path, 'utf8')) as CatalogueEntry[];

/** Inserts products that are not there yet (one statement, so all or none); existing counters are never touched. Returns how many were added. */
export const seedInventory = (db: LocalDatabase, catalogue: readonly CatalogueEntry[]): number =>
  db.run(
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
    `INSERT INTO inventory (product_id, name, unit_price, available, reserved, sold)
     SELECT value ->> 'productId', value ->> 'name', value ->> 'unitPrice', value ->> 'stock', 0, 0 FROM json_each($catalogue) WHERE true
     ON CONFLICT (product_id) DO NOTHING`,
    { catalogue: JSON.stringify(catalogue) },
  ).changes;
