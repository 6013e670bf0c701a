// The read API on the real region data in PostGIS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testApp, testDatabase } from '../support/api.ts';
import { rdAreaHa } from '../support/rd.ts';

const db = testDatabase();
const { get } = testApp(db);
afterAll(() => db.close());

const sourceParks = JSON.parse(readFileSync('geodata/bedrijventerreinen_osm_economie071.geojson', 'utf8'));

describe('GET /api/health', () => {
  it('reports the database mode and the PostGIS version', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(['embedded', 'postgres']).toContain(body.database);
    expect(body.postgis).toMatch(/^3\.\d+/);
  });
});

describe('GET /api/config', () => {
  it('names the area of the gemeenten the map opens on: every outline inside, at most 0.01° more on any side', async () => {
    const { body: config } = await get('/api/config');
    const { body: gemeenten } = await get('/api/gemeenten');
    const points: number[][] = gemeenten.features.flatMap((f: any) => f.geometry.coordinates.flat(2));
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const outlines = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    const [w, s, e, n] = config.gebied;
    expect(w).toBeLessThanOrEqual(outlines[0]);
    expect(s).toBeLessThanOrEqual(outlines[1]);
    expect(e).toBeGreaterThanOrEqual(outlines[2]);
    expect(n).toBeGreaterThanOrEqual(outlines[3]);
    for (const [a, b] of [[w, outlines[0]], [s, outlines[1]], [e, outlines[2]], [n, outlines[3]]]) expect(Math.abs(a - b)).toBeLessThan(0.01);
  });
});

describe('GET /api/gemeenten', () => {
  it('returns the six Economie071 municipalities with CBS codes', async () => {
    const { body } = await get('/api/gemeenten');
    const names = body.features.map((f: any) => f.properties.naam).sort();
    expect(names).toEqual(['Katwijk', 'Leiden', 'Leiderdorp', 'Oegstgeest', 'Voorschoten', 'Zoeterwoude']);
    const leiden = body.features.find((f: any) => f.properties.naam === 'Leiden');
    expect(leiden.properties.code).toBe('GM0546');
    // Leiden is about 23 km²; its area comes from PostGIS in RD New.
    expect(leiden.properties.oppervlakte_ha).toBeGreaterThan(2000);
    expect(leiden.properties.oppervlakte_ha).toBeLessThan(2600);
  });
});

describe('GET /api/terreinen', () => {
  let body: any;
  beforeAll(async () => {
    body = (await get('/api/terreinen')).body;
  });

  it('returns the 64 real business areas with their municipality and real names', async () => {
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(sourceParks.features.length);
    expect(body.features).toHaveLength(64);
    const byName = new Map(body.features.map((f: any) => [f.properties.naam, f.properties]));
    for (const [naam, gemeente] of [
      ["'t Heen", 'Katwijk'], ['Leiden Bio Science Park', 'Leiden'], ['De Baanderij', 'Leiderdorp'],
      ['Barre Polder', 'Zoeterwoude'], ['Grote Polder', 'Zoeterwoude'], ['De Waard', 'Leiden'],
      ['Rooseveltstraat', 'Leiden'], ['Dobbewijk', 'Voorschoten'], ['De Boeg', 'Oegstgeest'],
    ]) {
      expect(byName.get(naam), naam).toMatchObject({ gemeente, bron: 'osm', naam_bekend: true });
    }
  });

  it('has PostGIS hectares that agree with an independent RD New computation to 0.1 %', () => {
    for (const f of body.features) {
      const independent = rdAreaHa(f.geometry);
      expect(Math.abs(f.properties.oppervlakte_ha - independent) / independent, f.properties.naam).toBeLessThan(0.001);
    }
  });

  it('keeps the area of the source polygons (no geometry lost on import)', () => {
    const total = body.features.reduce((s: number, f: any) => s + f.properties.oppervlakte_ha, 0);
    const source = sourceParks.features.reduce((s: number, f: any) => s + rdAreaHa(f.geometry), 0);
    expect(Math.abs(total - source) / source).toBeLessThan(0.001);
  });

  it('filters by bbox', async () => {
    const bbox = '4.47,52.14,4.50,52.16';
    const { status, body: part } = await get(`/api/terreinen?bbox=${bbox}`);
    expect(status).toBe(200);
    expect(part.features.length).toBeGreaterThan(0);
    expect(part.features.length).toBeLessThan(body.features.length);
    const [minLon, minLat, maxLon, maxLat] = bbox.split(',').map(Number);
    for (const f of part.features) {
      const coords = f.geometry.coordinates.flat(2) as number[][];
      const touches = coords.some(([x, y]) => x >= minLon - 0.01 && x <= maxLon + 0.01 && y >= minLat - 0.01 && y <= maxLat + 0.01);
      expect(touches).toBe(true);
    }
  });
});

describe('GET /api/kavels', () => {
  it('returns kavels with milieucategorie, status, planstatus and terrein, marked as sample data', async () => {
    const { body } = await get('/api/kavels');
    expect(body.features.length).toBeGreaterThan(200);
    const statuses = new Set(body.features.map((f: any) => f.properties.status));
    expect(statuses).toEqual(new Set(['bezet', 'beschikbaar', 'potentieel']));
    const planstatus = new Set(body.features.map((f: any) => f.properties.planstatus));
    expect(planstatus).toEqual(new Set(['hard', 'zacht']));
    for (const f of body.features.filter((f: any) => f.properties.bron === 'voorbeeld')) {
      expect(f.properties.milieucategorie_max).toMatch(/^(1|2|3\.1|3\.2|4\.1|4\.2|5\.1|5\.2|5\.3|6)$/);
      expect(f.properties.terrein_id).toBeTypeOf('number');
      expect(f.properties.oppervlakte_ha).toBeGreaterThanOrEqual(0.2);
      expect(f.properties.oppervlakte_ha).toBeLessThanOrEqual(5);
    }
  });

  it('returns one kavel by id, with the same hectares as in the list', async () => {
    const { body: list } = await get('/api/kavels');
    const first = list.features[0];
    const { status, body } = await get(`/api/kavels/${first.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(first.id);
    expect(body.properties.oppervlakte_ha).toBe(first.properties.oppervlakte_ha);
    expect(Math.abs(rdAreaHa(body.geometry) - body.properties.oppervlakte_ha) / body.properties.oppervlakte_ha).toBeLessThan(0.001);
  });
});

describe('the other sample layers', () => {
  it('has kanszones of 10–15 ha', async () => {
    const { body } = await get('/api/kanszones');
    const generated = body.features.filter((f: any) => f.properties.bron === 'voorbeeld');
    expect(generated.length).toBeGreaterThanOrEqual(3);
    for (const f of generated) {
      expect(f.properties.oppervlakte_ha).toBeGreaterThanOrEqual(10);
      expect(f.properties.oppervlakte_ha).toBeLessThanOrEqual(15);
      expect(f.properties.bron).toBe('voorbeeld');
    }
  });

  it('has transformaties and compensaties across municipalities, one compensated in another municipality', async () => {
    const { body: t } = await get('/api/transformaties');
    const { body: c } = await get('/api/compensaties');
    expect(t.features.length).toBeGreaterThanOrEqual(4);
    expect(c.features.length).toBeGreaterThanOrEqual(3);
    expect(new Set(t.features.map((f: any) => f.properties.gemeente)).size).toBeGreaterThanOrEqual(3);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM compensatie_toewijzing ct
       JOIN compensatie c ON c.id = ct.compensatie_id JOIN transformatie t ON t.id = ct.transformatie_id
       WHERE c.gemeente_id <> t.gemeente_id`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

describe('errors', () => {
  it('answers an unknown id with 404 and a Dutch JSON error', async () => {
    const { status, body } = await get('/api/terreinen/999999');
    expect(status).toBe(404);
    expect(body.error.code).toBe('niet_gevonden');
    expect(body.error.message).toContain('bestaat niet');
  });

  it.each(['1,2,3', 'a,b,c,d', '4.6,52.1,4.4,52.2', '4.4,52.1,4.6', '4.4,,4.6,52.2', '200,52,201,53'])(
    'answers malformed bbox %s with 400',
    async (bbox) => {
      const { status, body } = await get(`/api/kavels?bbox=${encodeURIComponent(bbox)}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('ongeldige_invoer');
      expect(body.error.message).toContain('bbox');
    },
  );

  it('answers a non-numeric id with 400 and an unknown route with 404', async () => {
    expect((await get('/api/kavels/abc')).status).toBe(400);
    const unknown = await get('/api/bestaatniet');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('onbekende_route');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every layer route', async () => {
    const { body } = await get('/api/openapi.json');
    for (const layer of ['gemeenten', 'terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties']) {
      expect(body.paths[`/api/${layer}`]?.get, layer).toBeDefined();
      expect(body.paths[`/api/${layer}/{id}`]?.get, layer).toBeDefined();
    }
    expect(body.paths['/api/health']).toBeDefined();
  });
});
