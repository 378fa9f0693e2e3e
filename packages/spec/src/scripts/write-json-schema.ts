/** Writes packages/spec/target.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { targetJsonSchema } from '../json-schema.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target.schema.json');
writeFileSync(file, `${JSON.stringify(targetJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
