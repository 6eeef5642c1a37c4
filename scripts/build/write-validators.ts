/** `npm run schema:sync` step: regenerates the precompiled validators (src/schemas/*.validator.js) from the schemas. */
import { writeValidators } from './schema-validators';

const written = writeValidators(process.cwd());
console.log(written.length ? written.map((file) => `regenerated ${file}`).join('\n') : 'precompiled validators are in sync with the schemas');
