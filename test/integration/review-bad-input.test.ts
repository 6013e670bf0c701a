// Bad input never gets a 5xx: numbers out of range, NUL bytes in any text, on both
// databases. A database error that is the client's fault becomes a Dutch 400/409/422
// in one place (server/http/db-errors.ts), and the one embedded connection keeps working.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/api.ts';
import { createFeature, drawingTestFile, rdBox } from '../support/editor-fixture.ts';

const { db, api, spot } = drawingTestFile();
let reg: Client;

beforeAll(async () => {
  reg = await api.as('regisseur');
});

const NUL = '\u0000';

/** A 4xx in the API's error shape with a Dutch message; then the database still answers. */
async function expectClientError(reply: { status: number; body: any }, status = 400) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error.code).toBeTypeOf('string');
  expect(reply.body.error.message).toMatch(/[a-z]/);
  expect(reply.body.error.message).not.toMatch(/serverfout|Er ging iets mis/);
  const still = await reg.get('/api/kavels/1');
  expect(still.status).toBe(200);
}

describe('numbers out of range', () => {
  it('answers ?gemeente=99999999999999999999 with 400 in Dutch', async () => {
    const reply = await reg.get('/api/ruimtevragen?gemeente=99999999999999999999');
    await expectClientError(reply);
    expect(reply.body.error.message).toMatch(/getal/i);
  });
});

describe('NUL bytes', () => {
  it('in a new record\'s name: 400, nothing written', async () => {
    const before = (await db.pool.query(`SELECT count(*)::int AS n FROM kanszone`)).rows[0].n;
    const reply = await reg.send('POST', '/api/kanszones', {
      type: 'Feature', geometry: await rdBox(db, spot(), 0, 0, 50, 50), properties: { naam: `zone${NUL}x`, soort: 'overig' },
    });
    await expectClientError(reply);
    expect(reply.body.error.message).toMatch(/NUL/);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM kanszone`)).rows[0].n).toBe(before);
  });

  it('in a change of an existing record: 400, the record unchanged', async () => {
    const zone = await createFeature(reg, 'kanszones', await rdBox(db, spot(), 100, 0, 150, 50), { naam: 'Zone zonder NUL', soort: 'overig' });
    const reply = await reg.send('PATCH', `/api/kanszones/${zone.id}`, { version: 1, properties: { omschrijving: `a${NUL}` } });
    await expectClientError(reply);
    expect((await reg.get(`/api/kanszones/${zone.id}`)).body.properties).toMatchObject({ version: 1, omschrijving: null });
  });

  it('in a query parameter, a bestuursovereenkomst, a ruimtevraag and the sign-in', async () => {
    await expectClientError(await reg.get(`/api/ruimtevragen?gemeente=${encodeURIComponent(`Lei${NUL}den`)}`));
    await expectClientError(await reg.get(`/api/ruimtevragen?milieucategorie=${encodeURIComponent(`3${NUL}`)}`));
    const gm = (await db.pool.query(`SELECT id FROM gemeente WHERE in_regio ORDER BY id LIMIT 2`)).rows.map((r) => r.id);
    await expectClientError(await reg.send('POST', '/api/bestuursovereenkomsten', {
      naam: `BO${NUL}`, partijen: [{ gemeente_id: gm[0], rol: 'transformerend' }, { gemeente_id: gm[1], rol: 'compenserend' }],
    }));
    const login = await api.anonymous.send('POST', '/api/auth/login', { email: `a${NUL}@test.nl`, wachtwoord: 'x'.repeat(12) });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(login.status).toBeLessThan(500);
    expect((await reg.get('/api/kavels/1')).status).toBe(200);
  });

  it('as a raw NUL byte in the JSON text (not escaped)', async () => {
    const body = `{"type":"Feature","geometry":${JSON.stringify(await rdBox(db, spot(), 200, 0, 250, 50))},"properties":{"naam":"raw${NUL}nul","soort":"overig"}}`;
    const reply = await reg.send('POST', '/api/kanszones', body);
    expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect((await reg.get('/api/kavels/1')).status).toBe(200);
  });
});

describe('every refusal of malformed input speaks Dutch', () => {
  // Words of zod's and Hono's English defaults; a Dutch message contains none of them.
  const ENGLISH = /\b(Unrecognized|Invalid|Expected|Required|received|Malformed|Too (small|big)|must)\b/;

  it('an unknown field, a wrong type, a missing field and a bad enumeration value', async () => {
    const bodies = [
      { datum: '2026-12-01', gremium: 'stuurgroep', titel: 'Vergadering', onbekend: 1 },
      { datum: '2026-12-01', gremium: 'stuurgroep', titel: 42 },
      { datum: '2026-12-01', gremium: 'stuurgroep' },
      { datum: '2026-12-01', gremium: 'gemeenteraad', titel: 'Vergadering' },
    ];
    for (const body of bodies) {
      const reply = await reg.send('POST', '/api/vergaderingen', body);
      await expectClientError(reply);
      expect(reply.body.error.message, JSON.stringify(body)).not.toMatch(ENGLISH);
      for (const detail of reply.body.error.details ?? []) expect(detail.melding).not.toMatch(ENGLISH);
    }
  });

  it('a body that is not JSON, and a JSON request without a body', async () => {
    for (const raw of ['{"titel": ', '']) {
      const reply = await reg.send('POST', '/api/vergaderingen', raw);
      await expectClientError(reply);
      expect(reply.body.error.message).not.toMatch(ENGLISH);
    }
  });
});
