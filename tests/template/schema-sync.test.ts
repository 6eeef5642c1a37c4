/**
 * template.yaml carries copies of two repository files that CloudFormation cannot read: the request schema (API
 * Gateway model) and a hash of the catalogue (so a changed catalogue re-seeds). `npm run schema:sync` writes both;
 * these tests fail when someone edits one side only.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import schema from '../../src/schemas/create-order-request.json';
import { loadTemplate } from '../../src/local/emulator/template/load-template';
import { asRecord, propsOf, ROOT } from './template-fixture';

const SYNC_SCRIPT = join(ROOT, 'scripts', 'sync-schema.mjs');
const model = () => asRecord(propsOf('OrdersApi').Models).CreateOrderRequest;

/** A throwaway copy of the files the script reads, so the real template is never touched. */
const sandbox = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'schema-sync-'));
  for (const sub of ['scripts', 'src/schemas', 'data']) mkdirSync(join(dir, sub), { recursive: true });
  for (const file of ['template.yaml', 'src/schemas/create-order-request.json', 'src/schemas/quote-request.ts', 'data/catalogue.json']) copyFileSync(join(ROOT, file), join(dir, file));
  copyFileSync(SYNC_SCRIPT, join(dir, 'scripts', 'sync-schema.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
};
const runSync = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'scripts', 'sync-schema.mjs'), ...args], { encoding: 'utf8' });

describe('CreateOrderRequest model', () => {
  it('is the JSON Schema of src/schemas/create-order-request.json, unchanged', () => {
    expect(model()).toEqual(schema);
  });

  it('validates the body of POST /orders', () => {
    const event = asRecord(asRecord(propsOf('CreateOrderFunction').Events).CreateOrder);
    expect(asRecord(event.Properties).RequestModel).toEqual({ Model: 'CreateOrderRequest', Required: true, ValidateBody: false, ValidateParameters: false });
  });
});

describe('CatalogueHash of the SeedInventory custom resource', () => {
  it('is the sha256 of data/catalogue.json', () => {
    const hash = createHash('sha256').update(readFileSync(join(ROOT, 'data', 'catalogue.json'))).digest('hex');
    expect(propsOf('SeedInventory').CatalogueHash).toBe(`sha256:${hash}`);
  });
});

describe('npm run schema:sync', () => {
  it('finds the committed template in sync (--check)', () => {
    const run = spawnSync(process.execPath, [SYNC_SCRIPT, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('rewrites a stale model and hash, and changes nothing else in the file', () => {
    const dir = sandbox();
    try {
      const schemaPath = join(dir, 'src/schemas/create-order-request.json');
      const changed = { ...schema, properties: { ...schema.properties, giftMessage: { type: 'string', maxLength: 140 } } };
      writeFileSync(schemaPath, JSON.stringify(changed, null, 2));
      writeFileSync(join(dir, 'data/catalogue.json'), '[]\n');
      const before = readFileSync(join(dir, 'template.yaml'), 'utf8');

      expect(runSync(dir, '--check').status).toBe(1);
      expect(runSync(dir).status).toBe(0);

      const after = readFileSync(join(dir, 'template.yaml'), 'utf8');
      const synced = loadTemplate(join(dir, 'template.yaml'));
      expect(asRecord(asRecord(synced.Resources.OrdersApi?.Properties).Models).CreateOrderRequest).toEqual(changed);
      expect(asRecord(synced.Resources.SeedInventory?.Properties).CatalogueHash).toBe(`sha256:${createHash('sha256').update('[]\n').digest('hex')}`);
      // Outside the model block and the hash line, the text is byte for byte the same (comments and tags kept).
      const outside = (text: string) => text.replace(/ {8}CreateOrderRequest:\n( {10}.*\n)+/, '').replace(/CatalogueHash: .*/, '');
      expect(outside(after)).toBe(outside(before));
      expect(runSync(dir, '--check').status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
