/**
 * `npm run openapi [-- --check]`: writes docs/openapi.json, the OpenAPI 3 description of the REST API generated from
 * template.yaml and src/schemas (src/openapi/openapi-document.ts). With --check it exits 1 instead of writing when
 * the committed copy is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTemplate } from '../src/local/emulator/template/load-template';
import { openApiDocument } from '../src/openapi/openapi-document';

const OPENAPI_PATH = 'docs/openapi.json';

const root = process.cwd();
const file = path.join(root, OPENAPI_PATH);
const text = `${JSON.stringify(openApiDocument(loadTemplate(path.join(root, 'template.yaml'))), null, 2)}\n`;
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // not written yet
}
if (current === text) {
  console.log(`${OPENAPI_PATH} is in sync with template.yaml and the schemas`);
} else if (process.argv.includes('--check')) {
  console.error(`${OPENAPI_PATH} is stale: run \`npm run openapi\``);
  process.exit(1);
} else {
  writeFileSync(file, text);
  console.log(`${OPENAPI_PATH} updated`);
}
