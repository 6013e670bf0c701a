// Deterministic generator of the sample (non-public) data: kavels, kanszones,
// transformaties, compensaties, a bestuursovereenkomst, bedrijven and ruimtevragen.
// Every generated record has bron = 'voorbeeld'. Geometry work is done by PostGIS
// in RD New; choices are made with a seeded PRNG, so a seed gives one data set.
import type pg from 'pg';
import { createRandom, type Random } from './random.ts';
import { watergebondenSql } from './region.ts';
import type { TransformatieStatus } from '../server/domain/layer-values.ts';

export const DEFAULT_SEED = 71;

// Overlays run with a 1 mm snap-rounding grid: without it, GEOS in the embedded
// PGlite build can fail on near-coincident edges and silently return no rows.
const GRID_M = 0.001;
const KAVEL_MIN_M2 = 2_000; // 0.2 ha
const KAVEL_MAX_M2 = 50_000; // 5 ha
const KAVEL_TARGET_M2 = 16_000; // mean plot size when subdividing a terrain
const CATEGORIEEN = ['1', '2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6'] as const;
const stepDown = (code: string, steps: number) =>
  CATEGORIEEN[Math.max(0, CATEGORIEEN.indexOf(code as (typeof CATEGORIEEN)[number]) - steps)];

/** The sample region's history starts here: the kavels as they were on 1 January 2020. */
export const HISTORIE_START = '2020-01-01';

/**
 * Sets the date the following writes take effect (valid time, migration 012), as the
 * werkgroep would enter it. The generator replays the sample region's history in date
 * order, so every record has a plausible dated history from 2020 on.
 */
export async function ingangsdatum(client: pg.ClientBase, datum: string | null) {
  await client.query(`SELECT set_config('app.ingangsdatum', $1, true)`, [datum ?? '']);
}

export async function generateSampleData(client: pg.ClientBase, seed = DEFAULT_SEED) {
  const random = createRandom(seed);
  await ingangsdatum(client, HISTORIE_START);
  await assignTerreinProfiles(client, random);
  await subdivideTerreinen(client, seed);
  // The dated history draws from its own stream, so the sample's other choices stay as they were.
  await assignKavelAttributes(client, random, createRandom(seed + 2020));
  await generateKanszones(client);
  await generateTransformatiesEnCompensaties(client);
  await generateBedrijvenEnRuimtevragen(client, random);
  await ingangsdatum(client, null);
}

/** A plausible milieucategorie range per terrain: heavier on large and water-bound industrial areas. */
async function assignTerreinProfiles(client: pg.ClientBase, random: Random) {
  const { rows } = await client.query<{ id: number; naam: string; osm_landuse: string; ha: number; watergebonden: boolean }>(
    `SELECT id, naam, osm_landuse, oppervlakte_ha AS ha, watergebonden FROM terrein ORDER BY id`,
  );
  for (const t of rows) {
    let max: string;
    let min: string | null = null;
    if (t.osm_landuse === 'commercial') max = t.ha > 50 ? '3.2' : '3.1';
    else if (t.ha >= 40) max = t.watergebonden ? '5.1' : '4.2';
    else if (t.ha >= 10) max = t.watergebonden ? '4.2' : '4.1';
    else if (t.ha >= 3) max = '3.2';
    else max = '3.1';
    // The province's floor for heavy terrains (minimale milieucategorie) on some large ones.
    if (t.ha >= 40 && t.osm_landuse === 'industrial' && random.chance(0.6)) min = '3.1';
    const typologie = t.osm_landuse === 'commercial' || t.ha < 10 ? 'breed_gedifferentieerd' : 'matig_gedifferentieerd';
    await client.query(
      `UPDATE terrein SET milieucategorie_max = $2, milieucategorie_min = $3, typologie = $4 WHERE id = $1`,
      [t.id, max, min, typologie],
    );
  }
  // PZH designates heavy, water-bound terrains as not to be transformed (sample designation).
  await client.query(
    `UPDATE terrein SET niet_te_transformeren = true WHERE milieucategorie_max IN ('5.1', '4.2') AND watergebonden`,
  );
}

/**
 * Kavels subdivide each terrain without overlaps: Voronoi cells of seeded random
 * points, intersected with the terrain; cells above 5 ha are subdivided again and
 * pieces below 0.2 ha are merged into the neighbour they share most edge with
 * (or left out as non-issuable land, like verges).
 */
async function subdivideTerreinen(client: pg.ClientBase, seed: number) {
  await client.query(`CREATE TEMP TABLE kavel_draft (
    id serial PRIMARY KEY, terrein_id integer NOT NULL, geom geometry(Polygon, 28992) NOT NULL)`);
  await client.query(
    `INSERT INTO kavel_draft (terrein_id, geom)
     SELECT t.id, p.geom
     FROM terrein t
     CROSS JOIN LATERAL (
       SELECT (ST_Dump(ST_CollectionExtract(ST_Intersection(c.geom, t.geom, $4), 3))).geom
       FROM (SELECT (ST_Dump(ST_VoronoiPolygons(
               ST_GeneratePoints(t.geom, greatest(2, round(ST_Area(t.geom) / $2))::int, $1 + t.id),
               0, ST_Expand(t.geom, 50)))).geom) c
     ) p
     WHERE ST_Area(t.geom) >= $3 * 2`,
    [seed, KAVEL_TARGET_M2, KAVEL_MIN_M2, GRID_M],
  );
  // Terrains too small to subdivide form one kavel, when large enough for one.
  await client.query(
    `INSERT INTO kavel_draft (terrein_id, geom)
     SELECT t.id, (ST_Dump(t.geom)).geom FROM terrein t WHERE ST_Area(t.geom) < $1 * 2`,
    [KAVEL_MIN_M2],
  );
  for (let round = 0; round < 10; round++) {
    const { rowCount } = await client.query(
      `WITH big AS (DELETE FROM kavel_draft WHERE ST_Area(geom) > $2 RETURNING id, terrein_id, geom)
       INSERT INTO kavel_draft (terrein_id, geom)
       SELECT b.terrein_id, (ST_Dump(ST_CollectionExtract(ST_Intersection(c.geom, b.geom, $4), 3))).geom
       FROM big b CROSS JOIN LATERAL (
         SELECT (ST_Dump(ST_VoronoiPolygons(
           ST_GeneratePoints(b.geom, ceil(ST_Area(b.geom) / $3)::int + 1, $1 + b.id), 0, ST_Expand(b.geom, 50)))).geom
       ) c`,
      [seed, KAVEL_MAX_M2, KAVEL_TARGET_M2 * 1.5, GRID_M],
    );
    if (!rowCount) break;
  }
  await client.query(`DELETE FROM kavel_draft WHERE ST_Area(geom) < 1`);
  // Guard against silently lost overlay results: the pieces must still add up to each terrain.
  const lost = await client.query<{ naam: string }>(
    `SELECT t.naam FROM terrein t
     LEFT JOIN (SELECT terrein_id, sum(ST_Area(geom)) AS m2 FROM kavel_draft GROUP BY terrein_id) d ON d.terrein_id = t.id
     WHERE abs(coalesce(d.m2, 0) - ST_Area(t.geom)) > 0.001 * ST_Area(t.geom)`,
  );
  if (lost.rows.length) throw new Error(`subdividing lost area on: ${lost.rows.map((r) => r.naam).join(', ')}`);
  // Merge small pieces one at a time, smallest first, into the best neighbour.
  for (;;) {
    const { rows } = await client.query<{ small: number; neighbour: number | null }>(
      `SELECT s.id AS small, (
         SELECT n.id FROM kavel_draft n
         WHERE n.terrein_id = s.terrein_id AND n.id <> s.id AND ST_Intersects(n.geom, s.geom)
           AND ST_Area(n.geom) + ST_Area(s.geom) <= $2
           AND ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(n.geom), ST_Boundary(s.geom), $3), 2)) > 1
         ORDER BY ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(n.geom), ST_Boundary(s.geom), $3), 2)) DESC, n.id
         LIMIT 1) AS neighbour
       FROM kavel_draft s WHERE ST_Area(s.geom) < $1 ORDER BY ST_Area(s.geom), s.id LIMIT 1`,
      [KAVEL_MIN_M2, KAVEL_MAX_M2, GRID_M],
    );
    if (rows.length === 0) break;
    const { small, neighbour } = rows[0];
    if (neighbour === null) {
      await client.query(`DELETE FROM kavel_draft WHERE id = $1`, [small]);
      continue;
    }
    const merged = await client.query(
      `UPDATE kavel_draft n SET geom = u.geom
       FROM (SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(geom), $3))).geom FROM kavel_draft WHERE id IN ($1, $2)) u
       WHERE n.id = $2 AND ST_GeometryType(u.geom) = 'ST_Polygon'`,
      [small, neighbour, GRID_M],
    );
    await client.query(`DELETE FROM kavel_draft WHERE id = $1`, [small]);
    if (!merged.rowCount) throw new Error(`merging kavel pieces ${small} and ${neighbour} did not give one polygon`);
  }
  await client.query(
    `INSERT INTO kavel (terrein_id, milieucategorie_max, geom, bron)
     SELECT d.terrein_id, t.milieucategorie_max, ST_Multi(d.geom), 'voorbeeld'
     FROM kavel_draft d JOIN terrein t ON t.id = d.terrein_id
     ORDER BY d.terrein_id, ST_X(ST_PointOnSurface(d.geom)), ST_Y(ST_PointOnSurface(d.geom))`,
  );
  await client.query(`DROP TABLE kavel_draft`);
}

/**
 * Status mix modelled on the region's published supply (6 ha hard, 41 ha zacht):
 * about 10 ha beschikbaar, mostly hard, and about 45 ha potentieel, mostly zacht;
 * the rest is in use. Some kavels changed since 2020: zacht plancapaciteit made hard,
 * potentieel that became beschikbaar, beschikbaar kavels issued (bezet), each on its
 * own date; the kavels' state of 1 January 2020 is written first, the changes after.
 */
async function assignKavelAttributes(client: pg.ClientBase, random: Random, historie: Random) {
  const { rows } = await client.query<{ id: number; ha: number; max: string; min: string | null }>(
    `SELECT k.id, k.oppervlakte_ha AS ha, t.milieucategorie_max AS max, t.milieucategorie_min AS min
     FROM kavel k JOIN terrein t ON t.id = k.terrein_id ORDER BY k.id`,
  );
  let beschikbaarHa = 0;
  let potentieelHa = 0;
  const wijzigingen: { id: number; datum: string; status: string; planstatus: string }[] = [];
  const datum = (van: number, tot: number) => `${historie.int(van, tot)}-${String(historie.int(1, 12)).padStart(2, '0')}-01`;
  for (const k of random.shuffle(rows)) {
    let status = 'bezet';
    if (beschikbaarHa < 10 && k.ha <= 3 && random.chance(0.15)) status = 'beschikbaar';
    else if (potentieelHa < 45 && random.chance(0.15)) status = 'potentieel';
    if (status === 'beschikbaar') beschikbaarHa += k.ha;
    if (status === 'potentieel') potentieelHa += k.ha;
    const planstatus =
      status === 'bezet' ? 'hard' : status === 'beschikbaar' ? (random.chance(0.7) ? 'hard' : 'zacht') : random.chance(0.15) ? 'hard' : 'zacht';
    const beschikbaarVanaf =
      status === 'beschikbaar' ? `2025-${String(random.int(1, 12)).padStart(2, '0')}-01`
      : status === 'potentieel' ? `${random.int(2027, 2032)}-01-01` : null;
    const max = stepDown(k.max, random.pick([0, 0, 0, 1, 1, 2]));
    const min = k.min && CATEGORIEEN.indexOf(k.min as never) <= CATEGORIEEN.indexOf(max as never) ? k.min : null;
    const eigendom = random.next() < 0.3 ? 'gemeente' : random.next() < 0.85 ? 'privaat' : 'onbekend';
    // The state of 2020, and the one change since (if any) that led to today's.
    let vroeger = { status, planstatus };
    if (status !== 'bezet' && planstatus === 'hard' && historie.chance(0.6)) vroeger = { status, planstatus: 'zacht' };
    else if (status === 'beschikbaar' && historie.chance(0.3)) vroeger = { status: 'potentieel', planstatus: 'zacht' };
    else if (status === 'bezet' && historie.chance(0.01)) vroeger = { status: 'beschikbaar', planstatus: 'hard' };
    if (vroeger.status !== status || vroeger.planstatus !== planstatus) wijzigingen.push({ id: k.id, datum: datum(2021, 2025), status, planstatus });
    await client.query(
      `UPDATE kavel SET status = $2, planstatus = $3, beschikbaar_vanaf = $4, milieucategorie_max = $5,
         milieucategorie_min = $6, eigendom = $7, naam = 'Kavel ' || id, watergebonden = ${watergebondenSql('kavel.geom')} WHERE id = $1`,
      [k.id, vroeger.status, vroeger.planstatus, beschikbaarVanaf, max, min, eigendom],
    );
  }
  // The changes, in date order, each on its own date.
  wijzigingen.sort((a, b) => a.datum.localeCompare(b.datum) || a.id - b.id);
  for (const w of wijzigingen) {
    await ingangsdatum(client, w.datum);
    await client.query(`UPDATE kavel SET status = $2, planstatus = $3 WHERE id = $1`, [w.id, w.status, w.planstatus]);
  }
  await ingangsdatum(client, HISTORIE_START);
}

/** A kanszone is a group of adjacent kavels of 10–15 ha, grown from a seed kavel on three large terrains. */
async function generateKanszones(client: pg.ClientBase) {
  const zones = [
    { terrein: "'t Heen", naam: "Kanszone 't Heen-Zuid", soort: 'challenge_071' },
    { terrein: 'Barre Polder', naam: 'Kanszone Barre Polder', soort: 'rijkspilot' },
    { terrein: 'De Baanderij', naam: 'Kanszone De Baanderij', soort: 'challenge_071' },
  ];
  for (const zone of zones) {
    const { rows } = await client.query<{ id: number; ha: number; dist: number }>(
      `SELECT k.id, k.oppervlakte_ha AS ha,
              ST_Distance(k.geom, (SELECT ST_PointOnSurface(geom) FROM kavel WHERE terrein_id = t.id ORDER BY id LIMIT 1)) AS dist
       FROM kavel k JOIN terrein t ON t.id = k.terrein_id WHERE t.naam = $1 ORDER BY dist, k.id`,
      [zone.terrein],
    );
    const chosen: number[] = [];
    let total = 0;
    for (const k of rows) {
      if (total >= 10) break;
      if (total + k.ha > 15) continue;
      chosen.push(k.id);
      total += k.ha;
    }
    if (total < 10) continue;
    await client.query(
      `INSERT INTO kanszone (naam, gemeente_id, terrein_id, soort, omschrijving, geom, bron)
       SELECT $1, t.gemeente_id, t.id, $3, 'Voorbeeld: deelgebied voor een gezamenlijk uitvoerings- en investeringsplan',
              ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(ST_Collect(k.geom), 0.001)), 3)), 'voorbeeld'
       FROM kavel k JOIN terrein t ON t.id = k.terrein_id
       WHERE k.id = ANY($2) GROUP BY t.id, t.gemeente_id`,
      [zone.naam, chosen, zone.soort],
    );
  }
}

/** Kavels of a terrain closest to its first kavel, until at least `ha` hectares. */
async function kavelCluster(client: pg.ClientBase, terreinNaam: string, ha: number): Promise<number[]> {
  const { rows } = await client.query<{ id: number; ha: number }>(
    `SELECT k.id, k.oppervlakte_ha AS ha FROM kavel k JOIN terrein t ON t.id = k.terrein_id
     WHERE t.naam = $1
     ORDER BY ST_Distance(k.geom, (SELECT k2.geom FROM kavel k2 WHERE k2.terrein_id = t.id ORDER BY k2.id DESC LIMIT 1)), k.id`,
    [terreinNaam],
  );
  const ids: number[] = [];
  let total = 0;
  for (const r of rows) {
    if (total >= ha) break;
    ids.push(r.id);
    total += r.ha;
  }
  return ids;
}

/** One dated step in a record's history: the attributes that changed on that date. */
type Stap = { datum: string } & Record<string, string | null>;

/** Replays the later steps of a record's history, each on its own date (the first is the insert). */
async function replay(client: pg.ClientBase, table: 'transformatie' | 'compensatie', id: number, stappen: readonly Stap[]) {
  for (const { datum, ...waarden } of stappen) {
    await ingangsdatum(client, datum);
    const cols = Object.keys(waarden);
    await client.query(
      `UPDATE ${table} SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...cols.map((c) => waarden[c])],
    );
  }
}

/** One dated step of a transformatie's history: its new status. */
type TransformatieStap = readonly [datum: string, status: TransformatieStatus];

/** The date column a transformatie's step to this status fills with the step's own date. */
const STATUS_DATUM: Partial<Record<TransformatieStatus, string>> = {
  ontwerp_ter_inzage: 'datum_terinzagelegging',
  vastgesteld: 'datum_vaststelling',
};

/** A transformatie's history as [date, status] steps: going ter inzage or vastgesteld also sets that date. */
const transformatieStappen = (historie: readonly TransformatieStap[]): Stap[] =>
  historie.map(([datum, status]) => {
    const kolom = STATUS_DATUM[status];
    return kolom ? { datum, status, [kolom]: datum } : { datum, status };
  });

async function insertTransformatie(
  client: pg.ClientBase,
  t: { naam: string; terrein: string; ha: number; buffer: number; functie: string; historie: readonly TransformatieStap[] },
): Promise<number> {
  const kavels = await kavelCluster(client, t.terrein, t.ha);
  const [eerste, ...later] = transformatieStappen(t.historie);
  await ingangsdatum(client, eerste.datum);
  // A positive buffer lets part of the drawing fall outside business land, as real drawings do.
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO transformatie (naam, gemeente_id, nieuwe_functie, status, zittende_bedrijven, geom, bron)
     SELECT $1, t.gemeente_id, $3, $4, '[]'::jsonb,
            ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Buffer(ST_UnaryUnion(ST_Collect(k.geom), 0.001), $5, 'join=mitre')), 3)),
            'voorbeeld'
     FROM kavel k JOIN terrein t ON t.id = k.terrein_id WHERE k.id = ANY($2)
     GROUP BY t.gemeente_id RETURNING id`,
    [t.naam, kavels, t.functie, eerste.status, t.buffer],
  );
  await replay(client, 'transformatie', rows[0].id, later);
  return rows[0].id;
}

/**
 * A compensation site: a band of new business land along the outside edge of a
 * terrain, cut to about `ha` hectares, kept clear of existing terrains.
 */
async function insertCompensatie(
  client: pg.ClientBase,
  c: { naam: string; terrein: string; ha: number; max: string; historie: readonly Stap[] },
): Promise<number> {
  const [eerste, ...later] = c.historie;
  await ingangsdatum(client, eerste.datum);
  const { rows } = await client.query<{ id: number }>(
    `WITH t AS (SELECT * FROM terrein WHERE naam = $2),
     band AS (
       SELECT ST_Intersection(
         ST_Difference(ST_Buffer(t.geom, 90), (SELECT ST_Union(ST_Buffer(geom, 5), 0.001) FROM terrein WHERE ST_DWithin(geom, t.geom, 200)), 0.001),
         g.geom, 0.001) AS geom, t.gemeente_id
       FROM t JOIN gemeente g ON g.id = t.gemeente_id
     ),
     part AS (
       SELECT (ST_Dump(ST_CollectionExtract(geom, 3))).geom, gemeente_id FROM band
     ),
     biggest AS (SELECT geom, gemeente_id FROM part ORDER BY ST_Area(geom) DESC LIMIT 1),
     cut AS (
       -- Grow a square from the part's start point until it covers the wanted area.
       SELECT b.gemeente_id, ST_Intersection(b.geom, ST_Expand(ST_StartPoint(ST_ExteriorRing(b.geom)), r), 0.001) AS geom, r
       FROM biggest b, generate_series(20, 1500, 10) r
     )
     INSERT INTO compensatie (naam, gemeente_id, milieucategorie_min, milieucategorie_max, planstatus, status, geom, bron, watergebonden)
     SELECT $1, gemeente_id, NULL, $4, $5, $6,
            ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)), 'voorbeeld',
            ${watergebondenSql('cut.geom')}
     FROM cut WHERE ST_Area(geom) >= $3::float8 * 10000 OR r = 1500
     ORDER BY r LIMIT 1
     RETURNING id`,
    [c.naam, c.terrein, c.ha, c.max, eerste.planstatus ?? 'zacht', eerste.status],
  );
  if (!rows[0]) throw new Error(`no room for compensatie ${c.naam}`);
  await replay(client, 'compensatie', rows[0].id, later);
  return rows[0].id;
}

/**
 * The sample plans and their histories: transformaties from idee to ter inzage (2023) and
 * vastgesteld (2024), compensaties from gepland to geregeld and later planologisch
 * mogelijk, with the toewijzingen and the bestuursovereenkomst on their own dates.
 */
async function generateTransformatiesEnCompensaties(client: pg.ClientBase) {
  const rooseveltstraat = await insertTransformatie(client, {
    naam: 'Rooseveltstraat-Noord', terrein: 'Rooseveltstraat', ha: 3.5, buffer: 8, functie: 'wonen',
    historie: [['2021-05-01', 'idee'], ['2022-03-01', 'studie'], ['2023-09-15', 'ontwerp_ter_inzage'], ['2024-06-20', 'vastgesteld']],
  });
  const westwal = await insertTransformatie(client, {
    naam: 'Westwal wonen-werken', terrein: 'Westwal', ha: 1.5, buffer: 0, functie: 'gemengd',
    historie: [['2023-02-01', 'idee'], ['2024-05-01', 'studie'], ['2025-10-01', 'ontwerp_ter_inzage']],
  });
  const katwijk = await insertTransformatie(client, {
    naam: 'Katwijkerbroek-Oost', terrein: 'Katwijkerbroek', ha: 2, buffer: 10, functie: 'wonen',
    historie: [['2020-09-01', 'studie'], ['2023-04-03', 'ontwerp_ter_inzage'], ['2024-02-15', 'vastgesteld']],
  });
  await insertTransformatie(client, {
    naam: 'Dobbewijk-Zuid', terrein: 'Dobbewijk', ha: 1, buffer: 0, functie: 'wonen',
    historie: [['2020-06-01', 'idee'], ['2021-06-01', 'studie'], ['2023-01-16', 'vervallen']],
  });
  await insertTransformatie(client, {
    naam: 'De Boeg aan de Haarlemmertrekvaart', terrein: 'De Boeg', ha: 1.5, buffer: 5, functie: 'wonen',
    historie: [['2025-02-01', 'idee']],
  });

  // Leiden compensates Rooseveltstraat mostly in Katwijk, which needs a bestuursovereenkomst.
  const heenUitbreiding = await insertCompensatie(client, {
    naam: "Uitbreiding 't Heen", terrein: "'t Heen", ha: 5, max: '4.2',
    historie: [
      { datum: '2022-06-01', status: 'gepland', planstatus: 'zacht' },
      { datum: '2023-07-10', status: 'geregeld' },
      { datum: '2025-04-01', status: 'planologisch_mogelijk', planstatus: 'hard' },
    ],
  });
  const leidenEigen = await insertCompensatie(client, {
    naam: 'Rand Bedrijventerrein Roomburg', terrein: 'Bedrijventerrein Roomburg', ha: 1.2, max: '3.2',
    historie: [
      { datum: '2023-03-01', status: 'gepland', planstatus: 'zacht' },
      { datum: '2025-10-01', status: 'geregeld', besluitpunt_ref: 'Collegebesluit Leiden 2025/112, besluitpunt 3', besluitpunt_datum: '2025-10-01' },
    ],
  });
  const katwijkEigen = await insertCompensatie(client, {
    naam: 'Trappenberg-West', terrein: 'De Trappenberg', ha: 2.5, max: '4.1',
    historie: [
      { datum: '2022-11-01', status: 'gepland', planstatus: 'zacht' },
      { datum: '2023-03-20', status: 'geregeld', besluitpunt_ref: 'Raadsbesluit Katwijk 2023-03, besluitpunt 2', besluitpunt_datum: '2023-03-20' },
      { datum: '2024-09-12', status: 'planologisch_mogelijk', planstatus: 'hard' },
    ],
  });

  const { rows: bo } = await client.query<{ id: number }>(
    `INSERT INTO bestuursovereenkomst (naam, datum_ondertekening, basis_pct, maatwerk_omschrijving, maatwerk_bedrag, bron)
     VALUES ('Bestuursovereenkomst compensatie Leiden – Katwijk', '2023-07-01', 50,
             'Aanpassing ontsluitingsweg ''t Heen (maatwerk, buiten de basisafspraak)', 120000, 'voorbeeld') RETURNING id`,
  );
  await client.query(
    `INSERT INTO bestuursovereenkomst_partij (bestuursovereenkomst_id, gemeente_id, rol)
     SELECT $1, id, CASE naam WHEN 'Leiden' THEN 'transformerend' ELSE 'compenserend' END
     FROM gemeente WHERE naam IN ('Leiden', 'Katwijk')`,
    [bo[0].id],
  );
  await client.query(
    `INSERT INTO kostenpost (bestuursovereenkomst_id, categorie, omschrijving, bedrag, datum) VALUES
       ($1, 'onderzoek', 'Bodem-, geluid- en stikstofonderzoek', 84000, '2023-09-01'),
       ($1, 'nota_van_uitgangspunten', 'Nota van uitgangspunten uitbreiding ''t Heen', 26000, '2023-11-01'),
       ($1, 'locatiekeuze', 'Locatiestudie', 18000, '2023-01-15'),
       ($1, 'programma_van_eisen', 'Programma van eisen', 22000, '2024-02-01'),
       ($1, 'ontwerp_plan', 'Ontwerp omgevingsplanwijziging', 61000, '2024-06-15'),
       ($1, 'realisatie', 'Bouwrijp maken (niet onder de basisafspraak)', 450000, '2026-03-01')`,
    [bo[0].id],
  );
  const toewijzing = async (datum: string, comp: number, trans: number, ha: number, boId: number | null) => {
    await ingangsdatum(client, datum);
    await client.query(
      `INSERT INTO compensatie_toewijzing (compensatie_id, transformatie_id, hectares, bestuursovereenkomst_id)
       VALUES ($1, $2, $3, $4)`,
      [comp, trans, ha, boId],
    );
  };
  await toewijzing('2023-07-10', heenUitbreiding, rooseveltstraat, 3.2, bo[0].id);
  await toewijzing('2023-03-01', leidenEigen, rooseveltstraat, 0.6, null);
  await toewijzing('2024-05-01', leidenEigen, westwal, 0.4, null);
  await toewijzing('2023-03-20', katwijkEigen, katwijk, 1.8, null);
  await ingangsdatum(client, HISTORIE_START);
}

const SECTOREN = [
  ['Metaalbewerking', '4.1'], ['Groothandel bouwmaterialen', '3.2'], ['Transport en logistiek', '3.2'],
  ['Voedingsmiddelenindustrie', '4.2'], ['Installatietechniek', '3.1'], ['Autoschadeherstel', '3.1'],
  ['Life sciences lab', '2'], ['Betonwaren', '4.2'], ['Recycling', '5.1'], ['Drukkerij', '3.1'],
  ['Scheepsreparatie', '4.2'], ['Bouwbedrijf', '3.1'], ['Fitnesscentrum', '1'], ['Kinderopvang', '1'],
] as const;
const NAAMDELEN = ['Rijnland', 'Sleutel', 'Bollen', 'Duin', 'Singel', 'Vliet', 'Polder', 'Molen', 'Zijl', 'Haven', 'Kaag', 'Waard'];
const VORMEN = ['BV', 'Groep', '& Zn', 'Techniek', 'Holland'];

/** Fictitious companies (names plainly made up) with space requests; some now sit on a kavel. */
async function generateBedrijvenEnRuimtevragen(client: pg.ClientBase, random: Random) {
  const { rows: bezet } = await client.query<{ id: number; ha: number; gemeente_id: number }>(
    `SELECT k.id, k.oppervlakte_ha AS ha, t.gemeente_id FROM kavel k JOIN terrein t ON t.id = k.terrein_id
     WHERE k.status = 'bezet' ORDER BY k.id`,
  );
  const { rows: gemeenten } = await client.query<{ id: number }>(`SELECT id FROM gemeente ORDER BY id`);
  const redenen = ['groei', 'transformatie', 'verkeerde_plek', 'nieuwvestiging'] as const;
  const usedKavels = new Set<number>();
  for (let i = 1; i <= 24; i++) {
    const [sector, cat] = random.pick(SECTOREN);
    const naam = `${random.pick(NAAMDELEN)} ${sector.split(' ')[0]} ${random.pick(VORMEN)} (voorbeeld ${i})`;
    const reden = i <= 16 ? random.pick(redenen) : 'groei';
    let kavel: { id: number; ha: number; gemeente_id: number } | null = null;
    if (reden !== 'nieuwvestiging') {
      kavel = random.pick(bezet);
      if (usedKavels.has(kavel.id)) kavel = null;
      else usedKavels.add(kavel.id);
    }
    const kvk = String(10000000 + random.int(0, 89999999));
    const arbeidsplaatsen = random.int(5, 180);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO bedrijf (naam, kvk_nummer, sector, arbeidsplaatsen, huidige_kavel_id, gebruikspositie,
                            milieucategorie_activiteit, bron)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'voorbeeld') RETURNING id`,
      [naam, kvk, sector, arbeidsplaatsen, kavel?.id ?? null, random.chance(0.55) ? 'huurder' : 'eigenaar', cat],
    );
    const minHa = Math.round(random.between(0.3, 2.5) * 10) / 10;
    const maxHa = Math.round(minHa * random.between(1.2, 1.8) * 10) / 10;
    const voorkeur = kavel ? [kavel.gemeente_id] : [random.pick(gemeenten).id];
    await client.query(
      `INSERT INTO ruimtevraag (bedrijf_id, min_ha, max_ha, milieucategorie, watergebonden, gewenste_gemeente_ids,
                                gewenst_vanaf, gewenst_tot, reden, voorrang, status, accountmanager, bron)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, 'voorbeeld')`,
      [rows[0].id, minHa, maxHa, cat, sector === 'Scheepsreparatie', voorkeur,
        `${random.int(2026, 2028)}-0${random.int(1, 9)}-01`, `${random.int(2029, 2031)}-12-31`, reden,
        reden === 'transformatie', random.pick(['Accountmanager Leiden', 'Accountmanager Katwijk', 'Accountmanager Zoeterwoude'])],
    );
  }
}
