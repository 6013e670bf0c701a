// The map layers by name, each with the feature type the API's contract gives it
// (schema.gen.ts): no layer type is written by hand here, only which named schema
// belongs to which layer.
import type { Schemas } from './http.ts';
import type { paths } from './schema.gen.ts';
import { LAYER_PATHS } from '../../server/domain/layer-values.ts';

interface FeatureOf {
  gemeenten: Schemas['GemeenteFeature'];
  terreinen: Schemas['TerreinFeature'];
  kavels: Schemas['KavelFeature'];
  kanszones: Schemas['KanszoneFeature'];
  transformaties: Schemas['TransformatieFeature'];
  compensaties: Schemas['CompensatieFeature'];
}

export type LayerName = keyof FeatureOf & keyof { [P in keyof paths as P extends `/api/${infer L}` ? L : never]: true };

/** The map's layers in drawing order: the server's one list, checked against the contract. */
export const LAYER_NAMES = LAYER_PATHS satisfies readonly LayerName[];

export type LayerFeature<L extends LayerName = LayerName> = FeatureOf[L];
export interface LayerCollection<L extends LayerName = LayerName> {
  type: 'FeatureCollection';
  features: LayerFeature<L>[];
}

/** A gemeente or terrein under a polygon, with its share in ha. */
export type VlakDeel = Schemas['VlakDeel'];
export type Milieucategorie = Schemas['Milieucategorie'];

/** The layers the editor writes (the server's writable layers). */
export const EDITABLE_LAYERS = ['transformaties', 'compensaties', 'kavels', 'kanszones', 'terreinen'] as const satisfies readonly LayerName[];
export type EditableLayer = (typeof EDITABLE_LAYERS)[number];

export const isEditableLayer = (layer: string): layer is EditableLayer =>
  (EDITABLE_LAYERS as readonly string[]).includes(layer);

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body a route of the contract takes. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The JSON answer a route of the contract gives with status S. */
export type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> =
  paths[P][M] extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;
