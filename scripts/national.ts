// A synthetic national dataset for the monitor benchmark (issue #12): by default
// 3,800 terreinen with 100,000 kavels, 5,000 transformaties and 5,000 compensaties
// across the country in RD New, with dated histories from 2020, written through the
// schema (its triggers compute netto verloren and keep the history), so the data is
// valid against it. Deterministic: a seed gives one data set.
//
//   npm run bench:national -- --database-url postgres://…/sr_bench [--kavels 100000] [--schema national_100000] [--vervang]
//
// Each dataset lives in its own schema (default national_<kavels>) of that database,
// with its own migrations; PostGIS stays in public.
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom, type Random } from '../geodata/random.ts';
import { inTransaction } from '../server/db/database.ts';

const MIGRATIONS = fileURLToPath(new URL('../server/db/migrations', import.meta.url));

// The Netherlands in RD New, as a grid of 18 × 19 synthetic gemeenten.
const X0 = 13_000;
const Y0 = 306_000;
const KOLOMMEN = 18;
const RIJEN = 19;
const CEL_B = 14_700;
const CEL_H = 16_500;
const GEMEENTEN = KOLOMMEN * RIJEN;
// Each gemeente cell holds 4 × 4 slots: terreinen in the first twelve, compensaties in the last row.
const SLOT_B = CEL_B / 4;
const SLOT_H = CEL_H / 4;
const CATEGORIEEN = ['1', '2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2', '5.3', '6'];

export interface Omvang {
  kavels: number;
  terreinen: number;
  transformaties: number;
  compensaties: number;
}

/** The national proportions: 3,800 terreinen, 5,000 transformaties and compensaties per 100,000 kavels. */
export function omvang(kavels: number): Omvang {
  return {
    kavels,
    terreinen: Math.max(1, Math.round(kavels * 0.038)),
    transformaties: Math.round(kavels * 0.05),
    compensaties: Math.round(kavels * 0.05),
  };
}

export const schemaVoor = (kavels: number) => `national_${kavels}`;

/** A pool whose connections work in the dataset's schema (PostGIS in public). */
export function nationalPool(url: string, schema: string, max = 4) {
  return new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema},public` });
}

const rect = (x: number, y: number, b: number, h: number) =>
  `MULTIPOLYGON(((${x} ${y}, ${x + b} ${y}, ${x + b} ${y + h}, ${x} ${y + h}, ${x} ${y})))`;
const dag = (r: Random, van: number, tot: number) => `${r.int(van, tot)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
const plusMaanden = (d: string, m: number) => {
  const [y, mo, da] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1 + m, da));
  return t.toISOString().slice(0, 10);
};

interface Wijziging {
  tabel: 'kavel' | 'transformatie' | 'compensatie';
  id: number;
  datum: string;
  waarden: Record<string, string | null>;
}

/** Generates the dataset in memory: rows per table plus the dated changes after their creation. */
export function genereer(o: Omvang, seed = 71) {
  const r = createRandom(seed);
  const gemeenten = Array.from({ length: GEMEENTEN }, (_, i) => {
    const x = X0 + (i % KOLOMMEN) * CEL_B;
    const y = Y0 + Math.floor(i / KOLOMMEN) * CEL_H;
    return { id: i + 1, code: `GM${String(9000 + i).slice(-4)}`, naam: `Synthetische gemeente ${String(i + 1).padStart(3, '0')}`, x, y, wkt: rect(x, y, CEL_B, CEL_H) };
  });
  if (Math.ceil(o.terreinen / GEMEENTEN) > 12) throw new Error('te veel terreinen voor het raster van gemeenten');

  const terreinen: { id: number; gemeente_id: number; naam: string; max: string; wkt: string; x: number; y: number; kb: number; kh: number; nx: number; ny: number; kavels: number[] }[] = [];
  const kavels: { id: number; terrein_id: number; status: string; planstatus: string; max: string; wkt: string }[] = [];
  const wijzigingen: Wijziging[] = [];
  const perTerrein = Math.floor(o.kavels / o.terreinen);
  for (let i = 0; i < o.terreinen; i++) {
    const g = gemeenten[i % GEMEENTEN];
    const slot = Math.floor(i / GEMEENTEN);
    const n = perTerrein + (i < o.kavels % o.terreinen ? 1 : 0);
    const nx = Math.ceil(Math.sqrt(n));
    const ny = Math.ceil(n / nx);
    const kb = r.int(60, 160);
    const kh = r.int(60, 160);
    const x = g.x + (slot % 4) * SLOT_B + r.int(50, 400);
    const y = g.y + Math.floor(slot / 4) * SLOT_H + r.int(50, 400);
    const max = CATEGORIEEN[r.int(2, 6)];
    const t = { id: i + 1, gemeente_id: g.id, naam: `Terrein ${i + 1} (synthetisch)`, max, x, y, kb, kh, nx, ny, kavels: [] as number[],
      wkt: rect(x - 5, y - 5, nx * kb + 10, ny * kh + 10) };
    terreinen.push(t);
    for (let j = 0; j < n; j++) {
      const id = kavels.length + 1;
      const cx = x + (j % nx) * kb;
      const cy = y + Math.floor(j / nx) * kh;
      const roll = r.next();
      const status = roll < 0.7 ? 'bezet' : roll < 0.8 ? 'beschikbaar' : roll < 0.95 ? 'potentieel' : 'vrijkomend';
      const planstatus = status === 'bezet' || status === 'vrijkomend' ? 'hard' : status === 'beschikbaar' ? (r.chance(0.7) ? 'hard' : 'zacht') : r.chance(0.15) ? 'hard' : 'zacht';
      const kmax = CATEGORIEEN[Math.max(0, CATEGORIEEN.indexOf(max) - r.pick([0, 0, 1, 2]))];
      // One change since 2020 for some: zacht made hard, potentieel made beschikbaar, beschikbaar issued.
      let begin = { status, planstatus };
      if (status !== 'bezet' && planstatus === 'hard' && r.chance(0.3)) begin = { status, planstatus: 'zacht' };
      else if (status === 'beschikbaar' && r.chance(0.2)) begin = { status: 'potentieel', planstatus: 'zacht' };
      else if (status === 'bezet' && r.chance(0.02)) begin = { status: 'beschikbaar', planstatus: 'hard' };
      if (begin.status !== status || begin.planstatus !== planstatus) {
        wijzigingen.push({ tabel: 'kavel', id, datum: dag(r, 2021, 2025), waarden: { status, planstatus } });
      }
      kavels.push({ id, terrein_id: t.id, status: begin.status, planstatus: begin.planstatus, max: kmax, wkt: rect(cx, cy, kb, kh) });
      t.kavels.push(id);
    }
  }

  // Transformaties: a block of kavels of a terrein (sometimes two on one terrein overlap), partly beyond it.
  const transformaties: { id: number; gemeente_id: number; naam: string; functie: string; status: string; datum: string; wkt: string }[] = [];
  for (let i = 0; i < o.transformaties; i++) {
    const t = terreinen[Math.floor((i * o.terreinen) / o.transformaties) % o.terreinen];
    const bx = r.int(1, Math.min(3, t.nx));
    const by = r.int(1, Math.min(3, t.ny));
    const ox = r.int(0, t.nx - bx);
    const oy = r.int(0, Math.max(0, t.ny - by - 1));
    const buiten = r.pick([0, 0, 10, 25]);
    const id = i + 1;
    const roll = r.next();
    const start = dag(r, 2020, 2025);
    let status = 'idee';
    if (roll < 0.15) {
      status = 'studie';
    } else if (roll < 0.3) {
      const terinzage = dag(r, 2022, 2025);
      wijzigingen.push({ tabel: 'transformatie', id, datum: terinzage < start ? start : terinzage, waarden: { status: 'ontwerp_ter_inzage', datum_terinzagelegging: terinzage < start ? start : terinzage } });
    } else if (roll < 0.5) {
      const terinzage = terinzageNa(start, r);
      const vaststelling = plusMaanden(terinzage, r.int(4, 12));
      wijzigingen.push({ tabel: 'transformatie', id, datum: terinzage, waarden: { status: 'ontwerp_ter_inzage', datum_terinzagelegging: terinzage } });
      if (vaststelling <= '2026-06-30') wijzigingen.push({ tabel: 'transformatie', id, datum: vaststelling, waarden: { status: 'vastgesteld', datum_vaststelling: vaststelling } });
    } else if (roll < 0.55) {
      const vervallen = plusMaanden(start, r.int(3, 18));
      wijzigingen.push({ tabel: 'transformatie', id, datum: vervallen > '2026-06-30' ? '2026-06-30' : vervallen, waarden: { status: 'vervallen' } });
    }
    transformaties.push({
      id, gemeente_id: t.gemeente_id, naam: `Transformatie ${id} (synthetisch)`, functie: r.pick(['wonen', 'wonen', 'wonen', 'gemengd', 'gemengd', 'overig']),
      status, datum: start,
      wkt: rect(t.x + ox * t.kb - buiten, t.y + oy * t.kh - buiten, bx * t.kb + 2 * buiten, by * t.kh + 2 * buiten),
    });
  }

  // Compensaties: new business land in the last row of slots of a gemeente cell.
  const compensaties: { id: number; gemeente_id: number; naam: string; status: string; planstatus: string; max: string; datum: string; wkt: string }[] = [];
  for (let i = 0; i < o.compensaties; i++) {
    const g = gemeenten[i % GEMEENTEN];
    const k = Math.floor(i / GEMEENTEN);
    const id = i + 1;
    const start = dag(r, 2020, 2025);
    const roll = r.next();
    if (roll < 0.7) {
      const geregeld = plusMaanden(start, r.int(2, 20));
      if (geregeld <= '2026-06-30') {
        wijzigingen.push({ tabel: 'compensatie', id, datum: geregeld, waarden: { status: 'geregeld', besluitpunt_datum: geregeld } });
        const hard = plusMaanden(geregeld, r.int(6, 24));
        if (roll < 0.35 && hard <= '2026-06-30') wijzigingen.push({ tabel: 'compensatie', id, datum: hard, waarden: { status: 'planologisch_mogelijk', planstatus: 'hard' } });
      }
    } else if (roll < 0.75) {
      wijzigingen.push({ tabel: 'compensatie', id, datum: plusMaanden(start, 6) > '2026-06-30' ? '2026-06-30' : plusMaanden(start, 6), waarden: { status: 'vervallen' } });
    }
    compensaties.push({
      id, gemeente_id: g.id, naam: `Compensatie ${id} (synthetisch)`, status: 'gepland', planstatus: 'zacht',
      max: CATEGORIEEN[r.int(2, 6)], datum: start,
      wkt: rect(g.x + (k % 15) * 240 + 20, g.y + 3 * SLOT_H + 200 + Math.floor(k / 15) * 500, 200, r.int(50, 200)),
    });
  }

  // Toewijzingen: a share of the transformaties gets hectares from a compensatie of its own or a neighbouring gemeente.
  const toewijzingen: { id: number; compensatie_id: number; transformatie_id: number; hectares: number; datum: string }[] = [];
  const gegeven = new Map<number, number>();
  for (const t of transformaties) {
    if (!r.chance(0.6)) continue;
    const c = compensaties[(t.gemeente_id - 1 + GEMEENTEN * r.int(0, Math.max(0, Math.floor(o.compensaties / GEMEENTEN) - 1))) % o.compensaties];
    if (!c) continue;
    const oppervlakte = haVan(c.wkt);
    const hectares = Math.round(Math.min(r.between(0.2, 1.5), oppervlakte - (gegeven.get(c.id) ?? 0)) * 100) / 100;
    if (hectares <= 0 || toewijzingen.some((x) => x.compensatie_id === c.id && x.transformatie_id === t.id)) continue;
    gegeven.set(c.id, (gegeven.get(c.id) ?? 0) + hectares);
    const datum = [t.datum, c.datum].sort()[1];
    toewijzingen.push({ id: toewijzingen.length + 1, compensatie_id: c.id, transformatie_id: t.id, hectares, datum });
  }
  return { gemeenten, terreinen, kavels, transformaties, compensaties, toewijzingen, wijzigingen };
}

function terinzageNa(start: string, r: Random) {
  const d = dag(r, 2021, 2024);
  return d < start ? plusMaanden(start, r.int(1, 6)) : d;
}

/** Hectares of an axis-aligned rectangle written by rect(). */
function haVan(wkt: string) {
  const n = wkt.match(/-?\d+(\.\d+)?/g)!.map(Number);
  return (Math.abs(n[2] - n[0]) * Math.abs(n[5] - n[3])) / 10_000;
}

async function inDelen<T>(rows: readonly T[], grootte: number, fn: (deel: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += grootte) await fn(rows.slice(i, i + grootte));
}

/** Writes a generated dataset into an empty, migrated schema, in one transaction. */
export async function laad(client: pg.ClientBase, data: ReturnType<typeof genereer>, log: (s: string) => void = () => undefined) {
  const datum = (d: string | null) => client.query(`SELECT set_config('app.ingangsdatum', $1, true)`, [d ?? '']);
  const t0 = Date.now();
  const stap = (s: string) => log(`  ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await client.query(`SELECT set_config('app.audit_reden', 'synthetische landelijke dataset', true)`);
  await datum('2020-01-01');
  await client.query(
    `INSERT INTO gemeente (id, code, naam, inwoners_2020, in_regio, geom, bron)
     SELECT id, code, naam, 50000, true, ST_GeomFromText(wkt, 28992), 'synthetisch'
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(id, code, naam, wkt)`,
    [data.gemeenten.map((g) => g.id), data.gemeenten.map((g) => g.code), data.gemeenten.map((g) => g.naam), data.gemeenten.map((g) => g.wkt)],
  );
  await inDelen(data.terreinen, 2000, (d) => client.query(
    `INSERT INTO terrein (id, naam, gemeente_id, typologie, milieucategorie_max, geom, bron)
     SELECT id, naam, gemeente_id, 'breed_gedifferentieerd', max, ST_GeomFromText(wkt, 28992), 'synthetisch'
     FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[]) AS u(id, naam, gemeente_id, max, wkt)`,
    [d.map((t) => t.id), d.map((t) => t.naam), d.map((t) => t.gemeente_id), d.map((t) => t.max), d.map((t) => t.wkt)],
  ));
  stap(`${data.terreinen.length} terreinen`);
  await inDelen(data.kavels, 5000, (d) => client.query(
    `INSERT INTO kavel (id, terrein_id, naam, status, planstatus, milieucategorie_max, geom, bron)
     SELECT id, terrein_id, 'Kavel ' || id, status, planstatus, max, ST_GeomFromText(wkt, 28992), 'synthetisch'
     FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, terrein_id, status, planstatus, max, wkt)`,
    [d.map((k) => k.id), d.map((k) => k.terrein_id), d.map((k) => k.status), d.map((k) => k.planstatus), d.map((k) => k.max), d.map((k) => k.wkt)],
  ));
  stap(`${data.kavels.length} kavels`);
  // Transformaties and compensaties from the date each was first drawn.
  const perDatum = <T extends { datum: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of rows) {
      const g = m.get(x.datum);
      if (g) g.push(x);
      else m.set(x.datum, [x]);
    }
    return [...m].sort(([a], [b]) => a.localeCompare(b));
  };
  // Ids in creation order keep "the older transformatie holds an overlap" meaningful.
  for (const t of data.transformaties) {
    await datum(t.datum);
    await client.query(
      `INSERT INTO transformatie (id, naam, gemeente_id, nieuwe_functie, status, geom, bron)
       VALUES ($1, $2, $3, $4, $5, ST_GeomFromText($6, 28992), 'synthetisch')`,
      [t.id, t.naam, t.gemeente_id, t.functie, t.status, t.wkt],
    );
  }
  stap(`${data.transformaties.length} transformaties`);
  for (const [d, rows] of perDatum(data.compensaties)) {
    await datum(d);
    await client.query(
      `INSERT INTO compensatie (id, naam, gemeente_id, status, planstatus, milieucategorie_max, geom, bron)
       SELECT id, naam, gemeente_id, status, planstatus, max, ST_GeomFromText(wkt, 28992), 'synthetisch'
       FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, naam, gemeente_id, status, planstatus, max, wkt)`,
      [rows.map((c) => c.id), rows.map((c) => c.naam), rows.map((c) => c.gemeente_id), rows.map((c) => c.status),
        rows.map((c) => c.planstatus), rows.map((c) => c.max), rows.map((c) => c.wkt)],
    );
  }
  stap(`${data.compensaties.length} compensaties`);
  // The later changes, in date order (each record's own history stays in order).
  const wijzigingen = [...data.wijzigingen].sort((a, b) => a.datum.localeCompare(b.datum) || a.tabel.localeCompare(b.tabel) || a.id - b.id);
  for (const w of wijzigingen) {
    await datum(w.datum);
    const cols = Object.keys(w.waarden);
    await client.query(`UPDATE ${w.tabel} SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [w.id, ...cols.map((c) => w.waarden[c])]);
  }
  stap(`${wijzigingen.length} wijzigingen met hun datum`);
  for (const [d, rows] of perDatum(data.toewijzingen)) {
    await datum(d);
    await client.query(
      `INSERT INTO compensatie_toewijzing (id, compensatie_id, transformatie_id, hectares)
       SELECT u.id, u.compensatie_id, u.transformatie_id, u.hectares
       FROM unnest($1::int[], $2::int[], $3::int[], $4::float8[]) AS u(id, compensatie_id, transformatie_id, hectares)
       JOIN compensatie c ON c.id = u.compensatie_id AND c.status <> 'vervallen'
       JOIN transformatie t ON t.id = u.transformatie_id AND t.status <> 'vervallen'`,
      [rows.map((t) => t.id), rows.map((t) => t.compensatie_id), rows.map((t) => t.transformatie_id), rows.map((t) => t.hectares)],
    );
  }
  stap(`${data.toewijzingen.length} toewijzingen`);
  await datum('2024-01-01');
  const bron = 'Synthetische landelijke raming (benchmark)';
  await client.query(
    `INSERT INTO vraagraming (soort, periode_van, periode_tot, netto_ha_min, netto_ha_max, bron, peildatum, gepubliceerd_op) VALUES
       ('uitbreidingsvraag', 2023, 2040, 1300, 6800, $1, '2024-01-01', '2024-01-01'),
       ('vervangingsvraag', 2023, 2040, 0, 2900, $1, '2024-01-01', '2024-01-01')`, [bron]);
  await client.query(
    `INSERT INTO planaanbod_gepubliceerd (planstatus, netto_ha, bron, peildatum, gepubliceerd_op) VALUES
       ('hard', 600, $1, '2024-01-01', '2024-01-01'), ('zacht', 4100, $1, '2024-01-01', '2024-01-01')`, [bron]);
  for (const [tabel, kolom] of [['gemeente', 'id'], ['terrein', 'id'], ['kavel', 'id'], ['transformatie', 'id'], ['compensatie', 'id'], ['compensatie_toewijzing', 'id']]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${tabel}', '${kolom}'), (SELECT coalesce(max(${kolom}), 1) FROM ${tabel}))`);
  }
  await datum(null);
}

/** Migrates a schema of the database (created when missing); PostGIS stays in public. */
export async function migreerSchema(url: string, schema: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`ongeldige schemanaam: ${schema}`);
  const beheer = new pg.Client({ connectionString: url });
  await beheer.connect();
  try {
    await beheer.query('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    await beheer.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await beheer.end();
  }
  const pool = nationalPool(url, schema, 1);
  const client = await pool.connect();
  try {
    await runner({
      dbClient: client, dir: MIGRATIONS, direction: 'up', schema: [schema, 'public'], migrationsSchema: schema,
      // Not checkOrder: a benchmark schema is filled once and kept, while branches merged
      // later bring migrations numbered below ones it already has; they run now, in order.
      migrationsTable: 'schema_migrations', checkOrder: false, singleTransaction: true, log: () => undefined,
    });
  } finally {
    client.release();
    await pool.end();
  }
}

/** Creates (or replaces) the schema, migrates it and loads a dataset of `kavels` kavels. */
export async function vulNationaal(url: string, kavels: number, opties: { schema?: string; vervang?: boolean; log?: (s: string) => void } = {}) {
  const schema = opties.schema ?? schemaVoor(kavels);
  const log = opties.log ?? ((s: string) => console.log(s));
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`ongeldige schemanaam: ${schema}`);
  const beheer = new pg.Client({ connectionString: url });
  await beheer.connect();
  try {
    const bestaat = (await beheer.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).rowCount;
    if (bestaat && !opties.vervang) throw new Error(`schema ${schema} bestaat al; gebruik --vervang om het opnieuw te vullen`);
    await beheer.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await beheer.end();
  }
  await migreerSchema(url, schema);
  const pool = nationalPool(url, schema, 1);
  try {
    const o = omvang(kavels);
    log(`${schema}: ${o.terreinen} terreinen, ${o.kavels} kavels, ${o.transformaties} transformaties, ${o.compensaties} compensaties`);
    const data = genereer(o);
    await inTransaction(pool, (client) => laad(client, data, log));
    await pool.query('ANALYZE');
  } finally {
    await pool.end();
  }
  return schema;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' }, kavels: { type: 'string', default: '100000' }, schema: { type: 'string' }, vervang: { type: 'boolean', default: false },
    },
  });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Geef de database: npm run bench:national -- --database-url postgres://gebruiker:wachtwoord@host:5432/database');
    process.exit(2);
  }
  const kavels = Number(values.kavels);
  if (!Number.isInteger(kavels) || kavels < 100 || kavels > 1_000_000) {
    console.error('--kavels moet een geheel getal tussen 100 en 1.000.000 zijn');
    process.exit(2);
  }
  const t = Date.now();
  const schema = await vulNationaal(url, kavels, { schema: values.schema, vervang: values.vervang });
  console.log(`Klaar: schema ${schema} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
