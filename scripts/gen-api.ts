// Generates the web app's API types (web/api/schema.gen.ts) from the server's
// OpenAPI document, so the contract between web and server is written once: in
// the server's zod schemas. Run `npm run gen:api` after changing a route; the
// unit test test/unit/api-contract.test.ts fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateApiTypes } from './api-types.ts';

const target = fileURLToPath(new URL('../web/api/schema.gen.ts', import.meta.url));
writeFileSync(target, await generateApiTypes());
console.log(`API-types geschreven naar ${target}`);
