// GET /api/lagen/omvang (issue 15): the box around given records of the map layers,
// so the map fits to the records behind a figure without downloading their shapes.
// Checked against the records' own GeoJSON from the layer API, on the database of the run.
import { afterAll, describe, expect, it } from 'vitest';
import { bbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { testApp, testDatabase } from '../support/api.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(() => db.close());

type ApiFeature = Feature<Polygon | MultiPolygon> & { id: number };
type Omvang = { bbox: [number, number, number, number] | null; aantal: number };

/** The box turf finds around the features' own coordinates. */
const boxOf = (features: ApiFeature[]) => bbox({ type: 'FeatureCollection', features });

describe('GET /api/lagen/omvang', () => {
  it('gives the box around records of several layers and counts only those that exist', async () => {
    const sg = await api.as('stuurgroep');
    const kavels = (await sg.get('/api/kavels')).body.features as ApiFeature[];
    const terreinen = (await sg.get('/api/terreinen')).body.features as ApiFeature[];
    // Two kavels far apart and one terrein: the box spans all three.
    const byWest = [...kavels].sort((a, b) => boxOf([a])[0] - boxOf([b])[0]);
    const chosen = [byWest[0], byWest[byWest.length - 1]];
    const terrein = terreinen[Math.floor(terreinen.length / 2)];
    const reply = await sg.get(`/api/lagen/omvang?kavels=${chosen.map((f) => f.id).join(',')},999999999&terreinen=${terrein.id}`);
    expect(reply.status).toBe(200);
    const omvang = reply.body as Omvang;
    expect(omvang.aantal).toBe(3);
    const expected = boxOf([...chosen, terrein]);
    // The API's coordinates have 7 decimals; the box is computed from the full geometry.
    omvang.bbox!.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('answers null for records that do not exist or none at all', async () => {
    const wg = await api.as('werkgroep_leiden');
    expect((await wg.get('/api/lagen/omvang?transformaties=999999998')).body).toEqual({ bbox: null, aantal: 0 });
    expect((await wg.get('/api/lagen/omvang')).body).toEqual({ bbox: null, aantal: 0 });
  });

  it('refuses a bad or too long list in Dutch, and anyone not signed in', async () => {
    const sg = await api.as('stuurgroep');
    for (const bad of ['abc', '1,,2', '0', Array.from({ length: 501 }, (_, i) => i + 1).join(',')]) {
      const r = await sg.get(`/api/lagen/omvang?kavels=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.message, bad).toMatch(/ids moet een lijst van hoogstens 500 positieve gehele getallen zijn/);
    }
    const anonymous = await api.app.request('/api/lagen/omvang?kavels=1');
    expect(anonymous.status).toBe(401);
  });
});
