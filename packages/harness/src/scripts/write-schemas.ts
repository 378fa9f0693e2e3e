/** Writes docs/schemas/*.schema.json from the contracts (src/contracts/schemas.ts). */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, jsonSchemaOf } from '../contracts/schemas.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'schemas');
for (const file of Object.keys(CONTRACTS) as (keyof typeof CONTRACTS)[]) {
  writeFileSync(join(docs, file), `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`);
  process.stdout.write(`wrote docs/schemas/${file}\n`);
}
