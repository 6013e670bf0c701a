// Loads the region's real open data (municipalities, business areas, water)
// from the GeoJSON files in this folder into PostGIS, in RD New.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { terreinNaam } from './terrein-names.ts';

const dir = new URL('./', import.meta.url);
const readGeoJson = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

// Inhabitants 2020 from the uitvoeringsplan's cost key (domain brief §2.6).
const inwoners2020: Record<string, number> = {
  GM0546: 125099, GM0579: 24840, GM0638: 8410, GM0537: 65753, GM0547: 27056, GM0626: 25596,
};

// WGS84 GeoJSON -> valid MultiPolygon in RD New on a 1 mm grid. Keeping all stored
// geometry on the grid that overlays snap to (GRID_M) keeps their results exact.
export const TO_RD_MULTIPOLYGON = (param: string) =>
  `ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_MakeValid(
     ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326), 28992)), 0.001), 3))`;

/**
 * The app uses the detailed OSM outlines: the business areas come from the same
 * OSM data, so terrain and municipality edges agree; the CBS 2022 polygons are
 * generalised to 50–100 m and would put edge terrains in the wrong municipality.
 * The CBS codes and names are kept as the identifiers.
 */
export async function loadGemeenten(client: pg.ClientBase) {
  const osm = readGeoJson('gemeenten_economie071_osm.geojson');
  for (const f of osm.features) {
    const code: string = f.properties.statcode;
    await client.query(
      `INSERT INTO gemeente (code, naam, inwoners_2020, geom, bron)
       VALUES ($1, $2, $3, ${TO_RD_MULTIPOLYGON('$4')}, 'osm')`,
      [code, f.properties.statnaam, inwoners2020[code], JSON.stringify(f.geometry)],
    );
  }
}

/** Water polygons (≥ 1 ha) and navigable waterways (canal, river): reference for `watergebonden`. */
export async function loadWater(client: pg.ClientBase) {
  const vlakken = readGeoJson('water_osm_bbox.geojson');
  for (const f of vlakken.features) {
    await client.query(
      `INSERT INTO water (soort, klasse, geom, bron) VALUES ('vlak', $1, ${TO_RD_MULTIPOLYGON('$2')}, 'osm')`,
      [f.properties?.class ?? null, JSON.stringify(f.geometry)],
    );
  }
  const lijnen = readGeoJson('waterways_osm_bbox.geojson');
  await client.query(
    `INSERT INTO water (soort, klasse, geom, bron)
     SELECT 'vaarweg', f->'properties'->>'class',
            ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326), 28992), 'osm'
     FROM jsonb_array_elements($1::jsonb) f`,
    [JSON.stringify(lijnen.features)],
  );
}

export async function loadTerreinen(client: pg.ClientBase) {
  const parks = readGeoJson('bedrijventerreinen_osm_economie071.geojson');
  const unnamedPerGemeente = new Map<string, number>();
  for (const f of parks.features) {
    const p = f.properties;
    const osmName: string | null = p.name ?? null;
    const volgnummer = osmName ? 0 : (unnamedPerGemeente.get(p.gemeente) ?? 0) + 1;
    if (!osmName) unnamedPerGemeente.set(p.gemeente, volgnummer);
    const { naam, naamBekend } = terreinNaam(osmName, p.gemeente, volgnummer);
    await client.query(
      `INSERT INTO terrein (naam, naam_bekend, naam_osm, gemeente_id, osm_landuse, geom, bron)
       SELECT $1, $2, $3, g.id, $4, t.geom, 'osm'
       FROM (SELECT ${TO_RD_MULTIPOLYGON('$5')} AS geom) t
       CROSS JOIN LATERAL (
         -- The municipality that holds most of the terrain.
         SELECT g.id FROM gemeente g WHERE ST_Intersects(g.geom, t.geom)
         ORDER BY ST_Area(ST_Intersection(g.geom, t.geom, 0.001)) DESC LIMIT 1) g`,
      [naam, naamBekend, osmName, p.osm_landuse, JSON.stringify(f.geometry)],
    );
  }
}

/**
 * Rule for `watergebonden`: a terrain (or kavel) is water-bound when its edge lies
 * within 25 m of a waterway that OSM classes as `river` (in this region the main
 * navigable waters such as the Oude Rijn). 25 m covers a quay plus a bank road.
 * Canal-class lines and water polygons are not used: in these polders they are
 * mostly ditches and a single merged network that touches almost every terrain.
 */
export const WATERGEBONDEN_AFSTAND_M = 25;

export const watergebondenSql = (geomExpr: string) => `EXISTS (
  SELECT 1 FROM water w
  WHERE w.soort = 'vaarweg' AND w.klasse = 'river' AND ST_DWithin(w.geom, ${geomExpr}, ${WATERGEBONDEN_AFSTAND_M}))`;

export async function deriveWatergebonden(client: pg.ClientBase) {
  await client.query(`UPDATE terrein t SET watergebonden = ${watergebondenSql('t.geom')}`);
}

/** The region's published figures (Economie071 project card 2024, source 004). */
export async function loadPublishedFigures(client: pg.ClientBase) {
  const bron = 'Economie071 projectkaart Bedrijventerreinenstrategie 2024 (provinciale behoefteraming)';
  // Published in the project cards of the first half of 2024 (source 004); the day is not
  // stated, so the figures count as published on their peildatum, 1 January 2024.
  await client.query(
    `INSERT INTO vraagraming (soort, periode_van, periode_tot, netto_ha_min, netto_ha_max, bron, peildatum, gepubliceerd_op) VALUES
       ('uitbreidingsvraag', 2023, 2040, 13, 68, $1, '2024-01-01', '2024-01-01'),
       ('vervangingsvraag', 2023, 2040, 0, 29, $1, '2024-01-01', '2024-01-01')`,
    [bron],
  );
  await client.query(
    `INSERT INTO planaanbod_gepubliceerd (planstatus, netto_ha, bron, peildatum, gepubliceerd_op) VALUES
       ('hard', 6, $1, '2024-01-01', '2024-01-01'), ('zacht', 41, $1, '2024-01-01', '2024-01-01')`,
    [bron],
  );
}
