#!/usr/bin/env node
/**
 * Copies into template.yaml what CloudFormation cannot read from the repository itself:
 *  - the API model `CreateOrderRequest`, from src/schemas/create-order-request.json (one schema for API Gateway and
 *    Middy), and `QuoteRequest`, derived from it by src/schemas/quote-request.ts (loaded with Node's type stripping),
 *    and
 *  - `CatalogueHash` on the SeedInventory custom resource, the sha256 of data/catalogue.json, so that a changed
 *    catalogue changes the resource and CloudFormation re-seeds the table on the next deploy.
 * yaml's Document API locates the two values; only their text is replaced, so every comment, tag and line of layout
 * elsewhere in the template stays byte for byte.
 * Usage: node scripts/sync-schema.mjs [--check]   (--check exits 1 instead of writing when the template is stale)
 * `npm run schema:sync` runs this, then regenerates the precompiled Middy validator (scripts/build/write-validators.ts)
 * and docs/openapi.json (scripts/openapi.ts), so one command brings every copy of the schema in step.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, stringify } from 'yaml';
import { deriveQuoteRequestSchema } from '../src/schemas/quote-request.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatePath = join(root, 'template.yaml');
const schemaPath = join(root, 'src/schemas/create-order-request.json');
const cataloguePath = join(root, 'data/catalogue.json');

const MODEL_PATH = ['Resources', 'OrdersApi', 'Properties', 'Models', 'CreateOrderRequest'];
const QUOTE_MODEL_PATH = ['Resources', 'OrdersApi', 'Properties', 'Models', 'QuoteRequest'];
const HASH_PATH = ['Resources', 'SeedInventory', 'Properties', 'CatalogueHash'];

/** Finds a value node; CloudFormation's short tags (!Ref, !Sub...) are unknown to yaml and left as they are. */
const locate = (doc, path) => {
  const node = doc.getIn(path, true);
  if (!node?.range) throw new Error(`template.yaml has no ${path.join('.')}`);
  return node;
};

/** Replaces the mapping value of the key that ends `path` with `schema` as an indented block. */
const replaceBlockValue = (text, node, key, schema) => {
  const keyAt = text.lastIndexOf(`${key}:`, node.range[0]);
  const lineStart = text.lastIndexOf('\n', keyAt) + 1;
  const indent = ' '.repeat(keyAt - lineStart + 2);
  const block = stringify(schema, { lineWidth: 0 }).trimEnd().split('\n').map((line) => indent + line);
  const valueEnd = text[node.range[1] - 1] === '\n' ? node.range[1] - 1 : node.range[1];
  return `${text.slice(0, keyAt + key.length + 1)}\n${block.join('\n')}${text.slice(valueEnd)}`;
};

const replaceScalar = (text, node, value) => `${text.slice(0, node.range[0])}${value}${text.slice(node.range[1])}`;

const original = readFileSync(templatePath, 'utf8');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const hash = `sha256:${createHash('sha256').update(readFileSync(cataloguePath)).digest('hex')}`;

// Later edits shift offsets, so each value is located in the text it is about to change.
let text = original;
text = replaceScalar(text, locate(parseDocument(text), HASH_PATH), hash);
text = replaceBlockValue(text, locate(parseDocument(text), MODEL_PATH), MODEL_PATH.at(-1), schema);
text = replaceBlockValue(text, locate(parseDocument(text), QUOTE_MODEL_PATH), QUOTE_MODEL_PATH.at(-1), deriveQuoteRequestSchema(schema));

if (text === original) {
  console.log('template.yaml is in sync with the request schema and the catalogue');
} else if (process.argv.includes('--check')) {
  console.error('template.yaml is stale: run `npm run schema:sync`');
  process.exit(1);
} else {
  writeFileSync(templatePath, text);
  console.log('template.yaml updated: CreateOrderRequest and QuoteRequest models, CatalogueHash');
}
