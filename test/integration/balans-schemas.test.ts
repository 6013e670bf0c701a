// The monitor's answers are what their schemas (server/balans/schemas.ts) say, on real
// data: parsing with the schema keeps every field (zod drops the keys a schema does not
// describe, so an undocumented field fails the equality) and rejects a wrong type or a
// missing field. The OpenAPI document and the web app's types come from these schemas.
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { monitorTestFile } from '../support/monitor-fixture.ts';
import { BalansSchema, KaartSchema, PreviewSchema, ReeksSchema } from '../../server/balans/schemas.ts';
import { today } from '../../server/domain/dates.ts';

const { api, fx } = monitorTestFile();
let t: number;

beforeAll(async () => {
  const terrein = await fx.maak('terreinen', await fx.box(0, 0, 400, 300), { naam: 'Schema terrein', typologie: 'breed_gedifferentieerd' });
  await fx.maak('kavels', await fx.box(0, 0, 200, 300), { naam: 'Schema kavel', terrein_id: terrein, status: 'beschikbaar', planstatus: 'hard', milieucategorie_max: '3.1' });
  t = await fx.maak('transformaties', await fx.box(0, 0, 100, 100), { naam: 'Schema transformatie', nieuwe_functie: 'wonen', status: 'studie' });
  const c = await fx.maak('compensaties', await fx.box(300, 0, 400, 100), { naam: 'Schema compensatie', status: 'geregeld', planstatus: 'zacht' });
  await fx.wijs(c, t, 0.5);
}, 120_000);

/** Parsed by the schema and unchanged by it. */
function described(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(body);
}

describe('the monitor answers what its schemas describe', () => {
  it('GET /api/balans', async () => {
    const res = await (await api.as('stuurgroep')).get('/api/balans');
    expect(res.status).toBe(200);
    expect(res.body.transformaties.some((x: { id: number }) => x.id === t)).toBe(true);
    expect(res.body.plancapaciteit.rijen.length).toBeGreaterThan(0);
    described(BalansSchema, res.body);
  });

  it('GET /api/balans/reeks', async () => {
    const res = await (await api.as('werkgroep_leiden')).get('/api/balans/reeks?van=2020&tot=2040');
    expect(res.status).toBe(200);
    described(ReeksSchema, res.body);
  });

  it('GET /api/balans/kaart', async () => {
    const res = await (await api.as('regisseur')).get(`/api/balans/kaart?peildatum=${today()}`);
    expect(res.status).toBe(200);
    expect(res.body.transformaties.features.some((f: { id: number }) => f.id === t)).toBe(true);
    expect(res.body.kavels.features.length).toBeGreaterThan(0);
    expect(res.body.compensaties.features.length).toBeGreaterThan(0);
    described(KaartSchema, res.body);
  });

  it('POST /api/balans/preview', async () => {
    const res = await (await api.as('regisseur')).send('POST', '/api/balans/preview',
      { laag: 'transformatie', id: t, geometry: await fx.box(0, 0, 150, 100) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.per_gemeente.length).toBeGreaterThan(0);
    described(PreviewSchema, res.body);
  });
});
