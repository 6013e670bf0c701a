// Data for browser tests, made through the real API as the right role, so every
// test makes what it needs and never depends on another test or on sample data
// that another test may have changed.
//
//   const regisseur = await Api.as('regisseur');
//   const { terrein, spot } = await createTerrein(regisseur, 'Leiden');
//   const kavel = await createKavel(regisseur, terrein, spot, { dx: 20, dy: 20, w: 120, h: 90 });
//
// Shapes are laid out in RD New metres (test/support/rd.ts) on a free spot: a
// rectangle inside one gemeente that no existing polygon of any layer comes near,
// so clicks hit only what the test made and area rules see only its own records.
import { inject } from 'vitest';
import { booleanContains } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { rdFromWgs84, rdRectangle } from '../support/rd.ts';
import type { Area } from './map-helpers.ts';
import { totpCode } from '../../server/auth/totp.ts';
import { today } from '../../server/domain/dates.ts';

const sessionCookie = (res: Response) =>
  res.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('sr071_sessie=')) ?? '';

export type Rol = 'beheerder' | 'regisseur' | 'werkgroep' | 'stuurgroep';
export interface DemoAccount { email: string; wachtwoord: string; rol: string; gemeente?: string; totp?: string }

/** The demo account of a role (and gemeente, for the werkgroep); fails when the server made none. */
export function demoAccount(rol: Rol, gemeente?: string): DemoAccount {
  const found = (inject('accounts') ?? []).find((a) => a.rol === rol && (!gemeente || a.gemeente === gemeente));
  if (!found) throw new Error(`the e2e server has no demo account for ${rol}${gemeente ? ` ${gemeente}` : ''}`);
  return found;
}

let counter = 0;
const RUN = Date.now().toString(36).slice(-5);
/** A name no other test (or earlier run on the same database) uses. */
export const unique = (prefix: string) => `${prefix} ${RUN}-${++counter}`;

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: unknown, message: string) {
    super(message);
  }
}

/** The API signed in as one account, from Node (not through a page). */
export class Api {
  private static sessions = new Map<string, Promise<Api>>();

  private constructor(readonly account: DemoAccount, private readonly cookie: string, private readonly csrf: string) {}

  /** Signed in as the demo account of `rol`; one session per account and test file. */
  static as(rol: Rol, gemeente?: string): Promise<Api> {
    const account = demoAccount(rol, gemeente);
    let session = Api.sessions.get(account.email);
    if (!session) {
      session = Api.login(account);
      Api.sessions.set(account.email, session);
      session.catch(() => Api.sessions.delete(account.email));
    }
    return session;
  }

  static async login(account: DemoAccount): Promise<Api> {
    const res = await fetch(new URL('/api/auth/login', inject('baseUrl')), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, wachtwoord: account.wachtwoord }),
    });
    if (res.status !== 200) throw new Error(`login as ${account.email} failed: ${res.status} ${await res.text()}`);
    let cookie = sessionCookie(res);
    let { csrfToken, stap } = (await res.json()) as { csrfToken: string; stap: string };
    // The beheerder and the regisseur give the current code of their second factor; a code
    // works once, so when another session just used it, wait for the next one.
    for (let attempt = 0; stap === 'tweede_factor'; attempt++) {
      if (!account.totp || attempt > 2) throw new Error(`login as ${account.email}: no second factor to give`);
      const second = await fetch(new URL('/api/auth/tweede-factor', inject('baseUrl')), {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ code: totpCode(account.totp) }),
      });
      const body = (await second.json()) as { csrfToken: string; stap: string; error?: { code: string } };
      if (second.status === 200) {
        cookie = sessionCookie(second);
        ({ csrfToken, stap } = body);
      } else if (body.error?.code === 'code_al_gebruikt') {
        await new Promise((resolve) => setTimeout(resolve, 30_500 - (Date.now() % 30_000)));
      } else {
        throw new Error(`second factor as ${account.email} failed: ${second.status} ${JSON.stringify(body)}`);
      }
    }
    return new Api(account, cookie, csrfToken);
  }

  async send<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(new URL(path, inject('baseUrl')), {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  }

  /** A request that must succeed (2xx); otherwise throws with the server's answer. */
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.send<T>(method, path, body);
    if (reply.status < 200 || reply.status > 299) {
      throw new ApiError(reply.status, reply.body, `${method} ${path} as ${this.account.rol}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
    }
    return reply.body;
  }

  get<T = any>(path: string): Promise<T> {
    return this.ok<T>('GET', path);
  }
}

// ------------------------------------------------------------------ free spots

/** A rectangle in RD New metres: lower-left corner and size. */
export interface Spot { x: number; y: number; w: number; h: number }

export const rdPolygon = ({ x, y, w, h }: Spot): Polygon => ({ type: 'Polygon', coordinates: [rdRectangle(x, y, w, h)] });

const LAYERS = ['terreinen', 'kavels', 'kanszones', 'transformaties', 'compensaties'] as const;
type Box = [number, number, number, number];

function rdBox(geometry: Polygon | MultiPolygon): Box {
  const points: Position[] = (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()).flat();
  const xy = points.map(rdFromWgs84);
  return [Math.min(...xy.map((p) => p[0])), Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[1]))];
}

/**
 * A free w × h m rectangle inside `gemeente`: `margin` metres from the gemeente's edge
 * and from the bounding box of every polygon of every layer.
 */
export async function freeSpot(api: Api, gemeente: string, w: number, h: number, margin = 40): Promise<Spot> {
  const gemeenten = await api.get<{ features: (Feature<Polygon | MultiPolygon, { naam: string }> & { id: number })[] }>('/api/gemeenten');
  const outline = gemeenten.features.find((g) => g.properties.naam === gemeente);
  if (!outline) throw new Error(`unknown gemeente ${gemeente}`);
  const taken: Box[] = [];
  for (const layer of LAYERS) {
    const { features } = await api.get<{ features: Area[] }>(`/api/${layer}`);
    for (const f of features) taken.push(rdBox(f.geometry));
  }
  const [gx0, gy0, gx1, gy1] = rdBox(outline.geometry);
  const step = Math.max(w, h) / 2 + margin;
  // Scan from the middle of the gemeente outwards, so spots stay on land near the centre.
  const cx = (gx0 + gx1) / 2;
  const cy = (gy0 + gy1) / 2;
  const candidates: [number, number][] = [];
  for (let x = gx0; x < gx1 - w; x += step) for (let y = gy0; y < gy1 - h; y += step) candidates.push([x, y]);
  candidates.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
  for (const [x, y] of candidates) {
    const clear: Box = [x - margin, y - margin, x + w + margin, y + h + margin];
    if (taken.some((b) => b[0] < clear[2] && b[2] > clear[0] && b[1] < clear[3] && b[3] > clear[1])) continue;
    const withMargin = rdPolygon({ x: clear[0], y: clear[1], w: clear[2] - clear[0], h: clear[3] - clear[1] });
    if (booleanContains(outline, withMargin)) return { x, y, w, h };
  }
  throw new Error(`no free ${w} × ${h} m spot left in ${gemeente}`);
}

// ------------------------------------------------------------------ records

type Props = Record<string, unknown>;
const feature = (geometry: Polygon | MultiPolygon, properties: Props) => ({ type: 'Feature', geometry, properties });

export async function gemeenteId(api: Api, naam: string): Promise<number> {
  const { features } = await api.get<{ features: { id: number; properties: { naam: string } }[] }>('/api/gemeenten');
  const g = features.find((f) => f.properties.naam === naam);
  if (!g) throw new Error(`unknown gemeente ${naam}`);
  return g.id;
}

/** A new terrein of w × h m on a free spot in `gemeente` (default 400 × 300 m, milieucategorie up to 6). */
export async function createTerrein(api: Api, gemeente: string, options: { w?: number; h?: number; properties?: Props } = {}) {
  const spot = await freeSpot(api, gemeente, options.w ?? 400, options.h ?? 300);
  const terrein = await api.ok<Area>('POST', '/api/terreinen', feature(rdPolygon(spot), {
    naam: unique('E2E terrein'), gemeente_id: await gemeenteId(api, gemeente), milieucategorie_max: '6', ...options.properties,
  }));
  return { terrein, spot };
}

/** A rectangle inside a spot, offset dx, dy metres from its lower-left corner. */
export const inside = (spot: Spot, dx: number, dy: number, w: number, h: number): Spot => {
  if (dx < 0 || dy < 0 || dx + w > spot.w || dy + h > spot.h) throw new Error('rectangle does not fit in the spot');
  return { x: spot.x + dx, y: spot.y + dy, w, h };
};

export function createKavel(api: Api, terrein: Area, shape: Spot, properties: Props = {}) {
  return api.ok<Area>('POST', '/api/kavels', feature(rdPolygon(shape), {
    naam: unique('E2E kavel'), terrein_id: terrein.id, status: 'beschikbaar', planstatus: 'hard', milieucategorie_max: '4.2', ...properties,
  }));
}

export function createTransformatie(api: Api, geometry: Polygon | MultiPolygon, properties: Props = {}) {
  return api.ok<Area & { waarschuwingen: { code: string }[] }>('POST', '/api/transformaties', feature(geometry, {
    naam: unique('E2E transformatie'), nieuwe_functie: 'wonen', ...properties,
  }));
}

export function createCompensatie(api: Api, geometry: Polygon | MultiPolygon, properties: Props = {}) {
  return api.ok<Area>('POST', '/api/compensaties', feature(geometry, { naam: unique('E2E compensatie'), ...properties }));
}

export function createKanszone(api: Api, geometry: Polygon | MultiPolygon, properties: Props = {}) {
  return api.ok<Area>('POST', '/api/kanszones', feature(geometry, { naam: unique('E2E kanszone'), ...properties }));
}

export interface Bestuursovereenkomst { id: number; naam: string; version: number; partijen: { gemeente_id: number; gemeente: string; rol: string }[] }

/** A bestuursovereenkomst between a transforming and a compensating gemeente. */
export async function createBestuursovereenkomst(api: Api, transformerend: string, compenserend: string, body: Props = {}) {
  return api.ok<Bestuursovereenkomst>('POST', '/api/bestuursovereenkomsten', {
    naam: unique('E2E bestuursovereenkomst'),
    partijen: [
      { gemeente_id: await gemeenteId(api, transformerend), rol: 'transformerend' },
      { gemeente_id: await gemeenteId(api, compenserend), rol: 'compenserend' },
    ],
    ...body,
  });
}

export interface Ruimtevraag { id: number; version: number; bedrijf_naam: string; huidige_kavel_id: number | null }

/** A ruimtevraag of a new company with a unique name (regisseur or beheerder). */
export async function createRuimtevraag(api: Api, vraag: { min_ha: number; max_ha: number; milieucategorie: string } & Props, bedrijf: Props = {}) {
  const naam = unique('E2E Bedrijf');
  return api.ok<Ruimtevraag>('POST', '/api/ruimtevragen', {
    bedrijf: { naam, arbeidsplaatsen: 20, ...bedrijf }, reden: 'groei', ...vraag,
  });
}

// ------------------------------------------------------------------ meetings

/** A stuurgroep meeting of today with a unique title (regisseur or beheerder). */
export function createVergadering(api: Api, titel: string) {
  return api.ok<{ id: number }>('POST', '/api/vergaderingen', { datum: today(), gremium: 'stuurgroep', titel: unique(titel) });
}

/** Takes the meeting's snapshot: the figures it shows from then on. */
export function takeSnapshot(api: Api, vergadering: { id: number }) {
  return api.ok('POST', `/api/vergaderingen/${vergadering.id}/snapshot`, {});
}
