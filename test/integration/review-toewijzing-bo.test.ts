// A toewijzing's bestuursovereenkomst must have both gemeenten as parties: the
// transformatie's and the compensatie's (issue 10 #4). Built in an empty spot of Leiden
// (transformatie) and one of Katwijk (compensatie).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { rdBox, rememberIds, createFeature, type Spot } from '../support/editor-fixture.ts';

const db = testDatabase();
const api = testApp(db);
let reg: Client;
let cleanup: Awaited<ReturnType<typeof rememberIds>>;
const ids: Record<string, number> = {};
let transformatie: number;
let compensatie: number;

/** The point of a gemeente farthest from anything drawn and from its border. */
async function emptySpotIn(gemeente: string): Promise<Spot> {
  const { rows } = await db.pool.query(
    `WITH g AS (SELECT id, naam, geom FROM gemeente WHERE naam = $1),
          pts AS (SELECT ST_SetSRID(ST_MakePoint(x, y), 28992) AS p FROM g,
                    generate_series(floor(ST_XMin(g.geom))::int, ceil(ST_XMax(g.geom))::int, 200) x,
                    generate_series(floor(ST_YMin(g.geom))::int, ceil(ST_YMax(g.geom))::int, 200) y),
          bezet AS (SELECT geom FROM terrein UNION ALL SELECT geom FROM transformatie
                    UNION ALL SELECT geom FROM compensatie UNION ALL SELECT geom FROM kanszone)
     SELECT ST_X(p) AS x, ST_Y(p) AS y, g.naam AS gemeente, g.id AS gemeente_id,
            least((SELECT min(ST_Distance(b.geom, p)) FROM bezet b WHERE ST_DWithin(b.geom, p, 3000)), ST_Distance(ST_Boundary(g.geom), p)) AS vrij
     FROM pts, g WHERE ST_Contains(g.geom, p) ORDER BY vrij DESC NULLS LAST, ST_X(p), ST_Y(p) LIMIT 1`,
    [gemeente],
  );
  expect(rows[0].vrij, `an empty spot in ${gemeente}`).toBeGreaterThan(300);
  return rows[0];
}

async function bo(naam: string, transformerend: string, compenserend: string) {
  const reply = await reg.send('POST', '/api/bestuursovereenkomsten', {
    naam, partijen: [{ gemeente_id: ids[transformerend], rol: 'transformerend' }, { gemeente_id: ids[compenserend], rol: 'compenserend' }],
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as number;
}

beforeAll(async () => {
  cleanup = await rememberIds(db);
  reg = await api.as('regisseur');
  for (const r of (await db.pool.query(`SELECT id, naam FROM gemeente WHERE in_regio`)).rows) ids[r.naam] = r.id;
  const leiden = await emptySpotIn('Leiden');
  const katwijk = await emptySpotIn('Katwijk');
  await createFeature(reg, 'terreinen', await rdBox(db, leiden, -100, -100, 100, 100), { naam: 'BO-test terrein Leiden' });
  transformatie = (await createFeature(reg, 'transformaties', await rdBox(db, leiden, -50, -50, 50, 50), { naam: 'BO-test transformatie Leiden', nieuwe_functie: 'overig' })).id;
  compensatie = (await createFeature(reg, 'compensaties', await rdBox(db, katwijk, -100, -100, 100, 100), { naam: 'BO-test compensatie Katwijk' })).id;
});
afterAll(async () => {
  await cleanup.restore();
  await db.close();
});

describe('a toewijzing with a bestuursovereenkomst', () => {
  it('refuses an agreement without both gemeenten as parties (422), and accepts one between them', async () => {
    const unrelated = await bo('Katwijk – Oegstgeest', 'Katwijk', 'Oegstgeest');
    const refused = await reg.send('POST', `/api/compensaties/${compensatie}/toewijzingen`, { transformatie_id: transformatie, hectares: 0.5, bestuursovereenkomst_id: unrelated });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.code).toBe('bestuursovereenkomst_partijen');
    expect(refused.body.error.message).toContain('Leiden');
    expect(refused.body.error.message).toContain('Katwijk – Oegstgeest');
    const neither = await bo('Oegstgeest – Voorschoten', 'Oegstgeest', 'Voorschoten');
    const refused2 = await reg.send('POST', `/api/compensaties/${compensatie}/toewijzingen`, { transformatie_id: transformatie, hectares: 0.5, bestuursovereenkomst_id: neither });
    expect(refused2.status).toBe(422);
    expect(refused2.body.error.message).toMatch(/Leiden en Katwijk zijn geen partij/);
    const unknown = await reg.send('POST', `/api/compensaties/${compensatie}/toewijzingen`, { transformatie_id: transformatie, hectares: 0.5, bestuursovereenkomst_id: 987654 });
    expect(unknown.status).toBe(422);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM compensatie_toewijzing WHERE compensatie_id = $1`, [compensatie])).rows[0].n).toBe(0);

    const right = await bo('Leiden – Katwijk', 'Leiden', 'Katwijk');
    const ok = await reg.send('POST', `/api/compensaties/${compensatie}/toewijzingen`, { transformatie_id: transformatie, hectares: 0.5, bestuursovereenkomst_id: right });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.toewijzing.bestuursovereenkomst_id).toBe(right);

    // Nor can the agreement lose one of those parties afterwards.
    const patch = await reg.send('PATCH', `/api/bestuursovereenkomsten/${right}`, {
      version: 1, partijen: [{ gemeente_id: ids.Leiden, rol: 'transformerend' }, { gemeente_id: ids.Oegstgeest, rol: 'compenserend' }],
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(422);
    expect(patch.body.error.code).toBe('bestuursovereenkomst_partijen');
    expect((await reg.get(`/api/bestuursovereenkomsten/${right}`)).body.version).toBe(1);
  });
});
