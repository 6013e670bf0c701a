// The web app's API types are generated from the server's route schemas; this
// fails while web/api/schema.gen.ts is stale, so the two can never drift apart.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateApiTypes } from '../../scripts/api-types.ts';

describe('the web–server contract', () => {
  it('web/api/schema.gen.ts matches the server routes (run `npm run gen:api` when this fails)', async () => {
    const committed = readFileSync(new URL('../../web/api/schema.gen.ts', import.meta.url), 'utf8');
    const fresh = await generateApiTypes();
    expect(committed === fresh, 'web/api/schema.gen.ts is stale: run `npm run gen:api`').toBe(true);
  }, 60_000);
});
