/**
 * Seeding the inventory from the committed catalogue when the stack is created or updated, so a fresh stack
 * takes orders at once. Existing products keep their live stock; deleting the stack deletes the table, so a
 * Delete seeds nothing.
 */
import catalogue from '../../data/catalogue.json';
import type { CatalogueEntry } from '../domain/catalogue';

export interface SeedCatalogueDeps {
  /** Adds the products that are not there yet; returns how many were added. */
  seedCatalogue: (entries: readonly CatalogueEntry[]) => Promise<number>;
}

export type StackEvent = 'Create' | 'Update' | 'Delete';

/** How many products were added. */
export const seedCatalogueFor = async (event: StackEvent, deps: SeedCatalogueDeps): Promise<number> =>
  event === 'Delete' ? 0 : deps.seedCatalogue(catalogue as CatalogueEntry[]);
