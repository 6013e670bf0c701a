// Security headers on every answer (issue 10 #16): a Content-Security-Policy that lets
// the map's worker and the configured basemap in and nothing else, no framing, nosniff,
// a referrer policy; and a bestuursovereenkomst's document_url is http(s) only.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { testApp, testDatabase } from '../support/api.ts';

const db = testDatabase();
const api = testApp(db);
afterAll(async () => {
  await db.pool.query(`DELETE FROM bestuursovereenkomst WHERE naam LIKE 'Headers-test%'`);
  await db.close();
});

/** CSP directives as a map: name → sources. */
function csp(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(header!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

describe('security headers', () => {
  it('are on API answers, errors and the basemap, with a CSP for the map and the offline basemap', async () => {
    for (const url of ['/api/health', '/api/bestaat-niet', '/basemap/style.json', '/api/kavels']) {
      const res = await api.app.request(url);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('referrer-policy'), url).toBe('same-origin');
      const d = csp(res.headers.get('content-security-policy'));
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      // MapLibre runs its worker from our own bundle.
      expect(d.get('worker-src')).toContain("'self'");
      // The offline basemap comes from this server.
      expect(d.get('connect-src')).toEqual(["'self'"]);
    }
  });

  it('lets a configured basemap of another origin in for fetches and images, and only that origin', async () => {
    const app = createApp({ db, basemapStyleUrl: 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox' });
    const d = csp((await app.request('/api/health')).headers.get('content-security-policy'));
    expect(d.get('connect-src')).toEqual(["'self'", 'https://api.pdok.nl']);
    expect(d.get('img-src')).toContain('https://api.pdok.nl');
    expect(d.get('script-src')).toEqual(["'self'"]);
  });
});

describe('document_url of a bestuursovereenkomst', () => {
  it('accepts http and https only', async () => {
    const reg = await api.as('regisseur');
    const [a, b] = (await db.pool.query(`SELECT id FROM gemeente WHERE in_regio ORDER BY id LIMIT 2`)).rows.map((r) => r.id);
    const body = (document_url: string) => ({
      naam: 'Headers-test BO', document_url,
      partijen: [{ gemeente_id: a, rol: 'transformerend' }, { gemeente_id: b, rol: 'compenserend' }],
    });
    for (const bad of ['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://example.org/bo.pdf']) {
      const reply = await reg.send('POST', '/api/bestuursovereenkomsten', body(bad));
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.message).toMatch(/http/);
    }
    const ok = await reg.send('POST', '/api/bestuursovereenkomsten', body('https://www.leiden.nl/bo/2026-leiden-katwijk.pdf'));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const patch = await reg.send('PATCH', `/api/bestuursovereenkomsten/${ok.body.id}`, { version: 1, document_url: 'javascript:alert(1)' });
    expect(patch.status).toBe(400);
    expect((await reg.get(`/api/bestuursovereenkomsten/${ok.body.id}`)).body.document_url).toBe('https://www.leiden.nl/bo/2026-leiden-katwijk.pdf');
  });
});
