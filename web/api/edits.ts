// Writes on the editable layers: create, change, delete, restore, split, merge, hole,
// plus history and the draft check, all through the typed client. What a write saved
// is put into the caches (the feature in the side panel, the lists the editor snaps
// to) and the layer's tiles are asked for again (a new version); records whose derived
// figures the write changes (a kavel's terrein, overlapping newer transformaties) are
// fetched again.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import { call, http } from './http.ts';
import { cachedCollections, cachedFeature, fetchFeature, fetchInBox, layerPath, queryKeys } from './hooks.ts';
import type { Answer, EditableLayer, LayerCollection, LayerFeature, LayerName, RequestBody } from './layers.ts';
import type { paths } from './schema.gen.ts';
import { boxOf, boxesOverlap } from '../editor/snapping.ts';
import { tileInfoKey } from '../map/tiles.ts';

type ByLayer<T extends { [L in EditableLayer]: unknown }, L extends EditableLayer> = T[L];

type PatchBodies = { [L in EditableLayer]: RequestBody<`/api/${L}/{id}`, 'patch'> };
type SavedAnswers = { [L in EditableLayer]: Answer<`/api/${L}`, 'post', 201> };
type HistoryAnswers = { [L in EditableLayer]: Answer<`/api/${L}/{id}/history`, 'get', 200> };
type SplitAnswers = { [L in EditableLayer]: Answer<`/api/${L}/{id}/split`, 'post', 200> };
type MergeAnswers = { [L in EditableLayer]: Answer<`/api/${L}/{id}/merge`, 'post', 200> };
type HoleAnswers = { [L in EditableLayer]: Answer<`/api/${L}/{id}/hole`, 'post', 200> };

/** The stored feature plus the editor's findings (waarschuwingen, for housing the milieuruimte). */
export type SavedFeature<L extends EditableLayer = EditableLayer> = ByLayer<SavedAnswers, L>;
export type Properties<L extends EditableLayer> = NonNullable<ByLayer<PatchBodies, L>['properties']>;
export type HistoryEntry = HistoryAnswers[EditableLayer][number];
export type DraftCheck = Answer<'/api/validatie/kavels', 'post', 200>;
export type DraftProperties = NonNullable<RequestBody<'/api/validatie/kavels', 'post'>['properties']>;
export type Milieuruimte = NonNullable<SavedFeature['milieuruimte']>;
export type Waarschuwing = SavedFeature['waarschuwingen'][number];

// One layer name stands for the paths of that layer: the bodies and answers above are
// typed per layer; only the dispatch over the name is not checked by the compiler.
const item = (layer: EditableLayer) => `${layerPath(layer)}/{id}` as `/api/${EditableLayer}/{id}`;
type Path = keyof paths;
const op = <P extends Path>(path: string) => path as P;

export const historyKey = (layer: EditableLayer, id: number) => ['history', layer, id] as const;

/** A feature as the layer's list holds it: no extra findings, no confidential properties. */
function listCopy<L extends EditableLayer>(feature: LayerFeature<L>): LayerFeature<L> {
  const { type, id, geometry, properties } = feature;
  const { zittende_bedrijven: _hidden, ...listed } = properties as LayerFeature<L>['properties'] & { zittende_bedrijven?: unknown };
  return { type, id, geometry, properties: listed } as LayerFeature<L>;
}

/** A whole layer and a list of records in a box (the editor's view) take new records too; a list of given ids does not. */
const takesNew = (key: readonly unknown[]) => key.length === 2 || key[2] === 'box';

/** The layer's tiles change with every write: its TileJSON names the new version. */
const newTiles = (client: QueryClient, layer: LayerName) => client.invalidateQueries({ queryKey: tileInfoKey(layer), exact: true });

/** Puts saved features into the side panel's cache and every list of the layer the cache holds. */
export function putFeatures<L extends EditableLayer>(client: QueryClient, layer: L, features: LayerFeature<L>[]): void {
  for (const f of features) client.setQueryData(queryKeys.feature(layer, f.id), f);
  const byId = new Map(features.map((f) => [f.id, listCopy(f)]));
  for (const [key, current] of cachedCollections(client, layer)) {
    const kept = current.features.map((f) => byId.get(f.id) ?? f);
    const added = takesNew(key) ? features.filter((f) => !current.features.some((c) => c.id === f.id)).map((f) => listCopy(f)) : [];
    client.setQueryData<LayerCollection<L>>(key, { ...current, features: [...kept, ...added] });
  }
  if (features.length) void newTiles(client, layer);
}

function dropFeature(client: QueryClient, layer: EditableLayer, id: number): void {
  client.removeQueries({ queryKey: queryKeys.feature(layer, id), exact: true });
  for (const [key, current] of cachedCollections(client, layer)) {
    client.setQueryData<LayerCollection>(key, { ...current, features: current.features.filter((f) => f.id !== id) });
  }
  void newTiles(client, layer);
}

/** Fetches records again one by one and puts them into the caches (their derived figures changed). */
async function refresh<L extends EditableLayer>(client: QueryClient, layer: L, ids: Iterable<number>): Promise<void> {
  const fresh: (LayerFeature<L> | null)[] = await Promise.all([...new Set(ids)].map((id) => fetchFeature(layer, id).catch(() => null)));
  putFeatures(client, layer, fresh.filter((f) => f !== null));
}

/**
 * After a write: the saved features into the caches, histories and the monitor stale, and
 * the records whose derived figures depend on these refreshed (a terrein counts its
 * kavels; a newer overlapping transformatie counts its hectares after the older ones).
 * `before`: the features as the cache had them before the write.
 */
export async function afterWrite<L extends EditableLayer>(
  client: QueryClient, layer: L, saved: LayerFeature<L>[], before: (LayerFeature<L> | undefined)[] = [],
): Promise<void> {
  putFeatures(client, layer, saved);
  const ids = saved.map((f) => f.id);
  await Promise.all(ids.map((id) => client.invalidateQueries({ queryKey: historyKey(layer, id) })));
  const all = [...saved, ...before.filter((f): f is LayerFeature<L> => !!f)];
  if (layer === 'kavels') {
    await refresh(client, 'terreinen', all.map((f) => (f as LayerFeature<'kavels'>).properties.terrein_id));
  }
  if (layer === 'transformaties' && ids.length) {
    // Newer transformaties overlapping these count their hectares after them: fetch those in the area again.
    const boxes = all.map((f) => boxOf(f.geometry));
    const area: [number, number, number, number] = [
      Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
    ];
    const oldest = Math.min(...ids);
    const near = await fetchInBox('transformaties', area).catch(() => null);
    const newer = (near?.features ?? [])
      .filter((f) => f.id > oldest && !ids.includes(f.id) && boxes.some((b) => boxesOverlap(b, boxOf(f.geometry))));
    await refresh(client, 'transformaties', newer.map((f) => f.id));
  }
  // Transformaties and compensaties make up the hectare balance; a compensatie's area bounds its toewijzingen.
  if (layer === 'transformaties' || layer === 'compensaties') await client.invalidateQueries({ queryKey: ['balans'] });
  if (layer === 'compensaties') await Promise.all(ids.map((id) => client.invalidateQueries({ queryKey: ['toewijzingen', id] })));
}

const cached = <L extends EditableLayer>(client: QueryClient, layer: L, id: number) => cachedFeature(client, layer, id);

export function useCreateFeature<L extends EditableLayer>(layer: L) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { geometry: Polygon | MultiPolygon; properties: Properties<L> }) =>
      call(http.POST(op<'/api/kavels'>(layerPath(layer)), { body: { type: 'Feature', ...input } } as never)) as Promise<SavedFeature<L>>,
    onSuccess: (saved) => afterWrite(client, layer, [saved as LayerFeature<L>]),
  });
}

export interface FeatureChange<L extends EditableLayer> {
  id: number;
  version: number;
  geometry?: Polygon | MultiPolygon;
  properties?: Properties<L>;
}

/**
 * A write on one stored record whose answer holds the features to put into the caches
 * (change, restore, split, hole); the record as cached before it goes along to afterWrite.
 */
function useRecordWrite<L extends EditableLayer, V extends { id: number }, A>(
  layer: L, request: (variables: V) => Promise<A>, saved: (answer: A) => LayerFeature<L>[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onMutate: ({ id }: V) => ({ before: cached(client, layer, id) }),
    onSuccess: (answer: A, _v: V, context) => afterWrite(client, layer, saved(answer), [context?.before]),
  });
}

export function useUpdateFeature<L extends EditableLayer>(layer: L) {
  return useRecordWrite(layer,
    ({ id, ...body }: FeatureChange<L>) =>
      call(http.PATCH(item(layer), { params: { path: { id } }, body } as never)) as Promise<SavedFeature<L>>,
    (saved) => [saved as LayerFeature<L>]);
}

export function useDeleteFeature<L extends EditableLayer>(layer: L) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      call(http.DELETE(item(layer), { params: { path: { id }, query: { version: String(version) } } })),
    onMutate: ({ id }) => ({ before: cached(client, layer, id) }),
    onSuccess: async (result, _v, context) => {
      if (result.verwijderd) {
        dropFeature(client, layer, result.id);
        await afterWrite(client, layer, [], [context?.before]);
      } else {
        // A transformatie or compensatie lapses (status vervallen) and stays.
        await afterWrite(client, layer, [await fetchFeature(layer, result.id)], [context?.before]);
      }
    },
  });
}

export function useHistory(layer: EditableLayer, id: number, enabled = true) {
  return useQuery({
    queryKey: historyKey(layer, id),
    queryFn: ({ signal }) => call(http.GET(op<`/api/kavels/{id}/history`>(`${item(layer)}/history`), { params: { path: { id } }, signal })) as Promise<HistoryEntry[]>,
    enabled,
  });
}

export function useRestoreVersion<L extends EditableLayer>(layer: L) {
  return useRecordWrite(layer,
    ({ id, version, naar_versie }: { id: number; version: number; naar_versie: number }) =>
      call(http.POST(op<`/api/kavels/{id}/restore`>(`${item(layer)}/restore`), { params: { path: { id } }, body: { version, naar_versie } })) as Promise<LayerFeature<L>>,
    (feature) => [feature]);
}

export function useSplitFeature<L extends EditableLayer>(layer: L) {
  return useRecordWrite(layer,
    ({ id, version, line }: { id: number; version: number; line: LineString }) =>
      call(http.POST(op<`/api/kavels/{id}/split`>(`${item(layer)}/split`), { params: { path: { id } }, body: { version, line } })) as Promise<SplitAnswers[EditableLayer]>,
    (result) => result.features as LayerFeature<L>[]);
}

/** Cut a hole: the server checks it lies inside and that enough remains (and, for a compensatie, its toewijzingen still fit). */
export function useHoleFeature<L extends EditableLayer>(layer: L) {
  return useRecordWrite(layer,
    ({ id, version, geometry }: { id: number; version: number; geometry: Polygon }) =>
      call(http.POST(op<`/api/kavels/{id}/hole`>(`${item(layer)}/hole`), { params: { path: { id } }, body: { version, geometry } })) as Promise<HoleAnswers[EditableLayer]>,
    ({ gat_ha: _gat, ...feature }) => [feature as LayerFeature<L>]);
}

export function useMergeFeature<L extends EditableLayer>(layer: L) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; version: number; met_id: number; met_version: number }) =>
      call(http.POST(op<`/api/kavels/{id}/merge`>(`${item(layer)}/merge`), { params: { path: { id } }, body })) as Promise<MergeAnswers[EditableLayer]>,
    onMutate: ({ id, met_id }) => ({ before: [cached(client, layer, id), cached(client, layer, met_id)] }),
    onSuccess: async (result, _v, context) => {
      const saved = [result.feature as LayerFeature<L>];
      if (result.met_status === 'verwijderd') dropFeature(client, layer, result.met_id);
      else saved.push(await fetchFeature(layer, result.met_id));
      await afterWrite(client, layer, saved, context?.before);
    },
  });
}

/**
 * Server-side checks of a draft polygon (overlap rules, region, gemeente) without saving;
 * `properties`: what the rules need besides the shape (a transformatie's dates, for R-T1).
 */
export function checkDraft(layer: EditableLayer, geometry: Geometry, id?: number, properties?: DraftProperties, signal?: AbortSignal): Promise<DraftCheck> {
  return call(http.POST(op<'/api/validatie/kavels'>(`/api/validatie/${layer}`), {
    body: { geometry: geometry as Polygon, ...(id ? { id } : {}), ...(properties ? { properties } : {}) }, signal,
  }));
}
