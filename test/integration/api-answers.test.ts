// The answers of the map layers, the editor, the toewijzingen and the
// bestuursovereenkomsten are what their OpenAPI schemas (and so the web app's
// generated types) say: each real answer parses with its zod schema, and a layer's
// properties are exactly the ones its schema names. Also: every stale version of
// these features is refused with who changed it and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { createFeature, findEmptySpot, rdBox, rdLine, rememberIds, type Spot } from '../support/editor-fixture.ts';
import { LAYER_PATHS } from '../../server/layers/definitions.ts';
import { FEATURE_SCHEMAS, featureCollectionSchema } from '../../server/layers/schemas.ts';
import {
  DraftCheckSchema, historySchema, holeAnswerSchema, mergeAnswerSchema, MilieuruimteCheckSchema, savedFeatureSchema, splitAnswerSchema,
} from '../../server/editor/schemas.ts';
import { OverzichtSchema, ToegewezenSchema } from '../../server/toewijzingen/schemas.ts';
import { BoSchema } from '../../server/bestuursovereenkomsten/schemas.ts';

const db = testDatabase();
const api = testApp(db);
let spot: Spot;
let reg: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
let terrein: { id: number };
const box = (x1: number, y1: number, x2: number, y2: number) => rdBox(db, spot, x1, y1, x2, y2);

beforeAll(async () => {
  cleanup = await rememberIds(db);
  spot = await findEmptySpot(db);
  reg = await api.as('regisseur');
  // Business land under the test's transformaties (a transformatie must lie on it).
  terrein = await createFeature(reg, 'terreinen', await box(0, 0, 400, 400), { naam: 'Schematest terrein' });
});

afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

/** Parses `value` with `schema` and reports every issue with its path. */
function conforms(schema: z.ZodType, value: unknown, label: string) {
  const result = schema.safeParse(value);
  expect(result.success, `${label}: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))}`).toBe(true);
}

const propertyKeys = (schema: z.ZodType) => Object.keys((schema as unknown as { shape: { properties: { shape: object } } }).shape.properties.shape).sort();

describe('map layers', () => {
  it.each(LAYER_PATHS)('GET /api/%s answers its schema, each feature with exactly its properties', async (path) => {
    const list = await reg.get(`/api/${path}`);
    expect(list.status).toBe(200);
    expect(list.body.features.length).toBeGreaterThan(0);
    conforms(featureCollectionSchema(path), list.body, path);
    const named = propertyKeys(FEATURE_SCHEMAS[path]);
    for (const f of list.body.features.slice(0, 50)) {
      // Only the single-record answer carries confidential properties.
      expect(Object.keys(f.properties).sort(), `${path} ${f.id}`).toEqual(named.filter((k) => k !== 'zittende_bedrijven'));
    }
    const one = await reg.get(`/api/${path}/${list.body.features[0].id}`);
    conforms(FEATURE_SCHEMAS[path], one.body, `${path}/${list.body.features[0].id}`);
  });
});

describe('editor, toewijzingen and bestuursovereenkomsten', () => {
  it('answers create, change, split, merge, hole, history, the draft check and the milieuruimte check as declared', async () => {
    conforms(savedFeatureSchema('terreinen'), terrein, 'POST terreinen');
    const kavel = await createFeature(reg, 'kavels', await box(10, 10, 210, 110), { terrein_id: terrein.id, milieucategorie_max: '3.1', naam: 'Schematest' });
    conforms(savedFeatureSchema('kavels'), kavel, 'POST kavels');
    expect(kavel.properties.gemeente_id).toBe(spot.gemeente_id);

    const patched = await reg.send('PATCH', `/api/kavels/${kavel.id}`, { version: kavel.properties.version, properties: { naam: 'Schematest 2' } });
    expect(patched.status).toBe(200);
    conforms(savedFeatureSchema('kavels'), patched.body, 'PATCH kavels');

    const split = await reg.send('POST', `/api/kavels/${kavel.id}/split`, {
      version: patched.body.properties.version, line: await rdLine(db, spot, [[110, 0], [110, 120]]),
    });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    conforms(splitAnswerSchema('kavels'), split.body, 'split');

    const [a, b] = split.body.features;
    const merged = await reg.send('POST', `/api/kavels/${a.id}/merge`, { version: a.properties.version, met_id: b.id, met_version: b.properties.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    conforms(mergeAnswerSchema('kavels'), merged.body, 'merge');

    const hole = await reg.send('POST', `/api/kavels/${a.id}/hole`, { version: merged.body.feature.properties.version, geometry: await box(50, 40, 70, 60) });
    expect(hole.status, JSON.stringify(hole.body)).toBe(200);
    conforms(holeAnswerSchema('kavels'), hole.body, 'hole');

    const history = await reg.get(`/api/kavels/${a.id}/history`);
    expect(history.body.length).toBeGreaterThan(3);
    for (const v of history.body) conforms(historySchema('kavels'), v, `history v${v.versie}`);

    const transformatie = await createFeature(reg, 'transformaties', await box(100, 200, 300, 300), { naam: 'Schematest wonen', nieuwe_functie: 'wonen' });
    conforms(savedFeatureSchema('transformaties'), transformatie, 'POST transformaties');
    expect(transformatie.milieuruimte).toBeDefined();

    const draft = await reg.send('POST', '/api/validatie/transformaties', {
      geometry: await box(500, 500, 520, 505), properties: { nieuwe_functie: 'wonen', datum_vaststelling: '2027-01-01' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.fouten.length).toBeGreaterThan(0); // too small, and not on business land
    conforms(DraftCheckSchema, draft.body, 'validatie');

    const check = await reg.send('POST', '/api/milieuruimte/check', { geometry: await box(100, 200, 300, 300), nieuwe_functie: 'gemengd' });
    expect(check.status).toBe(200);
    conforms(MilieuruimteCheckSchema, check.body, 'milieuruimte/check');
  });

  it('answers the toewijzingen and the bestuursovereenkomsten as declared', async () => {
    const t = await createFeature(reg, 'transformaties', await box(250, 320, 350, 390), { naam: 'Schematest T', nieuwe_functie: 'overig' });
    const c = await createFeature(reg, 'compensaties', await box(600, 200, 700, 300), { naam: 'Schematest C' });
    const toegewezen = await reg.send('POST', `/api/compensaties/${c.id}/toewijzingen`, { transformatie_id: t.id, hectares: 0.5 });
    expect(toegewezen.status).toBe(201);
    conforms(ToegewezenSchema, toegewezen.body, 'toewijzing');
    conforms(OverzichtSchema, (await reg.get(`/api/compensaties/${c.id}/toewijzingen`)).body, 'overzicht');
    const bos = await reg.get('/api/bestuursovereenkomsten');
    expect(bos.body.length).toBeGreaterThan(0);
    for (const bo of bos.body) conforms(BoSchema, bo, `bo ${bo.id}`);
  });
});

describe('a stale version names who changed the record and when', () => {
  it('for a toewijzing', async () => {
    const t = await createFeature(reg, 'transformaties', await box(10, 320, 90, 390), { naam: 'Conflict T', nieuwe_functie: 'overig' });
    const c = await createFeature(reg, 'compensaties', await box(800, 200, 900, 300), { naam: 'Conflict C' });
    const made = await reg.send('POST', `/api/compensaties/${c.id}/toewijzingen`, { transformatie_id: t.id, hectares: 0.2 });
    const stale = await reg.send('DELETE', `/api/compensaties/${c.id}/toewijzingen/${made.body.toewijzing.id}?version=${made.body.toewijzing.version + 1}`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('versieconflict');
    expect(stale.body.error.details).toMatchObject({ huidige_versie: 1, gewijzigd_door: expect.any(String) });
    expect(stale.body.error.details.gewijzigd_door).not.toBe('het systeem');
    expect(Date.parse(stale.body.error.details.gewijzigd_op)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(stale.body.error.message).toMatch(/^Gewijzigd door .+ om \d\d:\d\d\./);
  });

  it('for a bestuursovereenkomst', async () => {
    const gemeenten = (await db.pool.query<{ id: number }>(`SELECT id FROM gemeente WHERE in_regio ORDER BY id LIMIT 2`)).rows;
    const bo = await reg.send('POST', '/api/bestuursovereenkomsten', {
      naam: 'Conflicttest', partijen: [{ gemeente_id: gemeenten[0].id, rol: 'transformerend' }, { gemeente_id: gemeenten[1].id, rol: 'compenserend' }],
    });
    expect(bo.status).toBe(201);
    const first = await reg.send('PATCH', `/api/bestuursovereenkomsten/${bo.body.id}`, { version: bo.body.version, naam: 'Conflicttest 2' });
    expect(first.status).toBe(200);
    for (const [method, url, body] of [
      ['PATCH', `/api/bestuursovereenkomsten/${bo.body.id}`, { version: bo.body.version, naam: 'Te laat' }],
      ['DELETE', `/api/bestuursovereenkomsten/${bo.body.id}?version=${bo.body.version}`, undefined],
    ] as const) {
      const stale = await reg.send(method, url, body);
      expect(stale.status, method).toBe(409);
      expect(stale.body.error.details, method).toMatchObject({ huidige_versie: bo.body.version + 1, gewijzigd_door: expect.any(String) });
      expect(stale.body.error.details.gewijzigd_op, method).toEqual(expect.any(String));
    }
  });
});
