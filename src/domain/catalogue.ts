/** A product as the committed catalogue (data/catalogue.json) lists it: what a fresh inventory starts from. */
export interface CatalogueEntry {
  productId: string;
  name: string;
  unitPrice: number;
  stock: number;
}
