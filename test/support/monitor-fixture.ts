// Helpers for the monitor tests: records drawn as RD New rectangles around an empty
// spot and written through the real API with the date each change took effect
// (`ingangsdatum`), so their dated history is what the werkgroep would have entered.
import { expect } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type { BalansSchema } from '../../server/balans/schemas.ts';
import type { Database } from '../../server/db/database.ts';
import type { Client } from './api.ts';
import { drawingTestFile, rdBox, type Spot } from './editor-fixture.ts';

export type Laag = 'terreinen' | 'kavels' | 'transformaties' | 'compensaties';

/** `spot` gives the empty spot the records are drawn around (found before the tests run). */
export function monitorFixture(db: Database, spot: () => Spot, client: () => Promise<Client>) {
  const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot(), x1, y1, x2, y2);

  async function maak(laag: Laag, geometry: unknown, properties: Record<string, unknown>): Promise<number> {
    const res = await (await client()).send('POST', `/api/${laag}`, { type: 'Feature', geometry, properties });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  }

  async function wijzig(laag: Laag, id: number, properties: Record<string, unknown>, geometry?: unknown) {
    const c = await client();
    const current = await c.get(`/api/${laag}/${id}`);
    const res = await c.send('PATCH', `/api/${laag}/${id}`, {
      version: current.body.properties.version, properties, ...(geometry ? { geometry } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function wijs(compensatieId: number, transformatieId: number, hectares: number, ingangsdatum?: string) {
    const res = await (await client()).send('POST', `/api/compensaties/${compensatieId}/toewijzingen`, {
      transformatie_id: transformatieId, hectares, ...(ingangsdatum ? { ingangsdatum } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.toewijzing.id as number;
  }

  /** GET /api/balans, typed by its schema (test/integration/balans-schemas.test.ts holds the answer to it). */
  async function balans(query = ''): Promise<z.infer<typeof BalansSchema>> {
    const res = await (await client()).get(`/api/balans${query ? `?${query}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  return { box, maak, wijzig, wijs, balans };
}

/**
 * A monitor test file: a drawing test file (database, app, empty spot, clean-up; see
 * drawingTestFile) and the fixture writing records around its spot as the regisseur.
 */
export function monitorTestFile() {
  const file = drawingTestFile();
  return { ...file, fx: monitorFixture(file.db, file.spot, () => file.api.as('regisseur')) };
}

/** The ids behind a figure of the balance, per table. */
export const ids = (cijfer: { ids?: Record<string, number[]> } | undefined, tabel: string): number[] => cijfer?.ids?.[tabel] ?? [];
