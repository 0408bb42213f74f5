// Writes src/shared/plan/catalogue.schema.json from the zod schema (a test checks it is current).
import { writeFileSync } from 'node:fs';
import { catalogueJsonSchema } from '../src/shared/plan/json-schema';

const target = new URL('../src/shared/plan/catalogue.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(catalogueJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
