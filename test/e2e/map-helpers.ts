// Helpers for browser tests that work on the map: the API with the page's session,
// screen <-> lng/lat, clicks that terra-draw sees, and selecting a feature on the map.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import { labelPoint } from '../../web/map/label-point.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { waitForIdle } from './browser.ts';

export type Props = { id: number; naam: string | null; gemeente: string; oppervlakte_ha: number; version: number; niet_te_transformeren?: boolean; status?: string };
export type Area = Feature<Polygon | MultiPolygon, Props> & { id: number };

export const hectare = (ha: number) =>
  `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ha)} ha`;

/** The API with the browser's own session (cookie and CSRF token come with the page). */
export async function api<T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(async ({ path, init }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: await res.json() };
  }, { path, init });
}

/** The point deepest inside the polygon (its pole of inaccessibility), so clicks there cannot hit a neighbour. */
export function deepInteriorPoint(feature: Area): [number, number] {
  return labelPoint(feature.geometry);
}

/** Screen position (page pixels) of a lng/lat. */
export async function toScreen(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = window.__map!;
    const p = map.project(ll);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
}

export async function toLngLat(page: Page, xy: { x: number; y: number }): Promise<[number, number]> {
  return page.evaluate((p) => {
    const map = window.__map!;
    const rect = map.getCanvas().getBoundingClientRect();
    const ll = map.unproject([p.x - rect.left, p.y - rect.top]);
    return [ll.lng, ll.lat] as [number, number];
  }, xy);
}

export async function clickAt(page: Page, p: { x: number; y: number }) {
  await page.mouse.move(p.x, p.y);
  await page.mouse.click(p.x, p.y);
  // terra-draw handles the click on the next frame: wait for two frames, not a fixed time.
  await nextFrames(page);
}

/** Resolves after the page has rendered two more animation frames (however slow the machine). */
export async function nextFrames(page: Page) {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

export async function centreOn(page: Page, lngLat: [number, number], zoom: number) {
  await page.evaluate(([c, z]) => window.__map!.jumpTo({ center: c as [number, number], zoom: z as number }), [lngLat, zoom] as const);
  await waitForIdle(page);
}

export const vertexCount = async (page: Page) => Number(await page.getByTestId('editor-hoekpunten').getAttribute('data-count'));
export const liveHa = async (page: Page) => Number(await page.getByTestId('editor-oppervlakte').getAttribute('data-ha'));

/** Clicks on the map where only the given feature of the given layer is on top, and waits for its panel. */
export async function selectOnMap(page: Page, layerId: string, feature: Area) {
  const [w, s, e, n] = bbox(feature);
  await page.evaluate((b) => {
    window.__map!.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 160, bottom: 120, left: 420, right: 460 }, animate: false, maxZoom: 17.5 });
  }, [w, s, e, n]);
  await waitForIdle(page);
  const at = await toScreen(page, deepInteriorPoint(feature));
  const top = await page.evaluate((at) => {
    const map = window.__map!;
    const rect = map.getCanvas().getBoundingClientRect();
    const layers = ['compensaties-fill', 'transformaties-fill', 'kanszones-fill', 'kavels-fill', 'terreinen-fill'];
    const [hit] = map.queryRenderedFeatures([at.x - rect.left, at.y - rect.top], { layers });
    return hit ? { layer: hit.layer.id, id: hit.id } : null;
  }, at);
  expect(top, `feature ${feature.id} is not on top at its interior point`).toEqual({ layer: layerId, id: feature.id });
  await clickAt(page, at);
  const panel = page.getByTestId('feature-panel');
  await expect.poll(() => panel.getAttribute('data-feature-id')).toBe(String(feature.id));
  return panel;
}
