// Read replicas (DATABASE_READ_URL): read-only work goes to a streaming replica,
// while a user always reads their own writes. With TEST_DATABASE_READ_URL (a replica
// of TEST_DATABASE_URL, see scripts/pg-replica.sh and .ci/run) the replica's replay is
// paused to make it lag on purpose; without one, everything is read from the one
// database and no WAL cookie is set.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { testApp, testDatabase, type Client } from '../support/api.ts';
import { findEmptySpot, rdBox, rememberIds } from '../support/editor-fixture.ts';
import { pointOnFeature } from '@turf/turf';
import { WAL_COOKIE } from '../../server/db/read-routing.ts';
import { tileAt } from '../../server/domain/tiles.ts';
import { decodeTile, getTile } from '../support/tiles.ts';

const db = testDatabase();
const api = testApp(db);
const readUrl = inject('databaseReadUrl');
let cleanup: Awaited<ReturnType<typeof rememberIds>>;

beforeAll(async () => {
  cleanup = await rememberIds(db);
});
afterAll(async () => {
  await cleanup.restore();
  await db.pool.query(`DELETE FROM toegangstoken WHERE naam = 'replica-test'`);
  await db.close();
});

/** The WAL position the server last gave this client (the cookie's value, decoded). */
function walOf(client: Client): string | undefined {
  const raw = client.cookie.match(new RegExp(`${WAL_COOKIE}=([^;]+)`))?.[1];
  return raw === undefined ? undefined : decodeURIComponent(raw);
}

async function newKanszone(client: Client, naam: string, offset: number) {
  const spot = await findEmptySpot(db);
  const geometry = await rdBox(db, spot, offset, 0, offset + 60, 60);
  const created = await client.send('POST', '/api/kanszones', { type: 'Feature', geometry, properties: { naam, soort: 'overig' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created;
}

describe.runIf(readUrl)('with a streaming replica', () => {
  // A superuser connection to the replica, to pause its replay and to watch its sessions.
  const replica = new pg.Client({ connectionString: readUrl, application_name: 'test-waarnemer' });
  beforeAll(async () => {
    await replica.connect();
    const { rows } = await replica.query(`SELECT pg_is_in_recovery() AS replica`);
    expect(rows[0].replica, 'TEST_DATABASE_READ_URL must point at a streaming replica').toBe(true);
  });
  afterAll(async () => {
    await replica.query(`SELECT pg_wal_replay_resume()`).catch(() => undefined);
    await replica.end();
  });

  const replayed = async (lsn: string) =>
    (await replica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn])).rows[0].ok as boolean;

  /** The last statement the app's read pool ran on the replica after `since`, or null. */
  async function lastReplicaRead(since: string): Promise<string | null> {
    const { rows } = await replica.query(
      `SELECT query FROM pg_stat_activity WHERE application_name = 'schuifruimte071-lezen' AND query_start >= $1::timestamptz
       ORDER BY query_start DESC LIMIT 1`, [since]);
    return rows[0]?.query ?? null;
  }
  const replicaClock = async () => (await replica.query(`SELECT clock_timestamp()::text AS t`)).rows[0].t as string;

  it('shows the writer its own write at once while the replica lags, and others the replica', async () => {
    const writer = await api.as('regisseur');
    const reader = await api.as('stuurgroep');
    const created = await newKanszone(writer, 'Replica versie 1', 0);
    const id = created.body.id;
    const cookie = walOf(writer);
    expect(cookie, 'the write sets the WAL cookie').toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    for (let i = 0; i < 100 && !(await replayed(cookie!)); i++) await new Promise((r) => setTimeout(r, 50));

    await replica.query(`SELECT pg_wal_replay_pause()`);
    try {
      const changed = await writer.send('PATCH', `/api/kanszones/${id}`, { version: 1, properties: { naam: 'Replica versie 2' } });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      const lsn = walOf(writer)!;
      expect(await replayed(lsn), 'the paused replica has not replayed the change').toBe(false);

      // The writer reads its change (from the primary) in the list, the feature and the OGC-free export.
      const own = await writer.get(`/api/kanszones/${id}`);
      expect(own.body.properties.naam).toBe('Replica versie 2');
      const list = await writer.get('/api/kanszones');
      expect(list.body.features.find((f: { id: number }) => f.id === id).properties.naam).toBe('Replica versie 2');

      // Someone who did not write reads the replica, which still has the old name.
      const since = await replicaClock();
      const other = await reader.get(`/api/kanszones/${id}`);
      expect(other.status).toBe(200);
      expect(other.body.properties.naam).toBe('Replica versie 1');
      expect(await lastReplicaRead(since), 'the read ran on the replica').toMatch(/kanszone/);

      // The same in the map's tiles: the writer's from the primary (session and tile in one
      // statement), the other's from the replica (session checked on the primary first).
      const [lon, lat] = pointOnFeature(created.body).geometry.coordinates;
      const coord = tileAt(lon, lat, 15);
      const naamIn = async (client: Client) => {
        const reply = await getTile((url, init) => api.app.request(url, init), client.cookie, `/tiles/kanszones/${coord.z}/${coord.x}/${coord.y}.pbf`);
        expect(reply.status).toBe(200);
        return decodeTile(reply.bytes, coord).kanszones.find((f) => f.id === id)?.properties.naam;
      };
      expect(await naamIn(writer)).toBe('Replica versie 2');
      const tileSince = await replicaClock();
      expect(await naamIn(reader)).toBe('Replica versie 1');
      expect(await lastReplicaRead(tileSince), 'the tile was read on the replica').toMatch(/ST_AsMVT/);
    } finally {
      await replica.query(`SELECT pg_wal_replay_resume()`);
    }

    // Once the replica has caught up, the writer's reads go to it as well.
    const lsn = walOf(writer)!;
    for (let i = 0; i < 100 && !(await replayed(lsn)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await replayed(lsn)).toBe(true);
    const since = await replicaClock();
    const own = await writer.get(`/api/kanszones/${id}`);
    expect(own.body.properties.naam).toBe('Replica versie 2');
    expect(await lastReplicaRead(since), 'the caught-up replica served the writer').toMatch(/kanszone/);
  });

  it('reads the balance and the OGC API from the replica', async () => {
    const stuurgroep = await api.as('stuurgroep');
    const token = await stuurgroep.send('POST', '/api/toegangstokens', { naam: 'replica-test', geldig_dagen: 1 });
    expect(token.status).toBe(201);
    const lsn = walOf(stuurgroep)!;
    for (let i = 0; i < 100 && !(await replayed(lsn)); i++) await new Promise((r) => setTimeout(r, 50));

    let since = await replicaClock();
    const balans = await stuurgroep.get('/api/balans');
    expect(balans.status).toBe(200);
    expect(await lastReplicaRead(since)).not.toBeNull();

    since = await replicaClock();
    const res = await api.app.request('/ogc/collections/kanszones/items?limit=5', { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).features.length).toBeGreaterThan(0);
    expect(await lastReplicaRead(since)).toMatch(/kanszone/);
  });
});

describe.skipIf(readUrl)('without a replica', () => {
  it('reads its own writes from the one database and sets no WAL cookie', async () => {
    const writer = await api.as('regisseur');
    const created = await newKanszone(writer, 'Zonder replica', 200);
    expect(created.headers.getSetCookie().some((c) => c.startsWith(`${WAL_COOKIE}=`))).toBe(false);
    const own = await writer.get(`/api/kanszones/${created.body.id}`);
    expect(own.body.properties.naam).toBe('Zonder replica');
  });
});
