// The full-window map: basemap from the server's config, the sea overlay,
// and the API layers with hover, selection and HTML labels.
import { useEffect, useRef, useState } from 'react';
import {
  AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useAllLayers, useConfig, useMilieucategorieen } from '../api/hooks.ts';
import { LAYER_NAMES, type LayerCollection, type LayerName, type Milieucategorie } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { configureMapLibre } from './runtime.ts';
import { basemapWaterColor } from './basemap.ts';
import { useBasemapStyle, useSea } from './useBasemap.ts';
import { addDataLayers, MASK_SOURCE, SEA_SOURCE, setLayerVisibility, sourceId } from './layers.ts';
import { regionMask } from './mask.ts';
import { addPatterns } from './patterns.ts';
import { colors } from './palette.ts';
import { attachInteraction, type FeatureRef } from './interaction.ts';
import { LabelOverlay, labelPoint } from './labels.ts';
import { RegionControl } from './controls.ts';
import { MAX_BOUNDS, MAX_ZOOM, MIN_ZOOM, REGION_BOUNDS, REGION_PADDING } from './region.ts';
import { usePeildatum, zetPeildatum } from './peildatum.ts';
import { formatDate } from '../i18n/format.ts';
import './peildatum.css';

declare global {
  interface Window {
    /**
     * Test hook: the MapLibre map, set once the style has loaded. Browser tests
     * use it for queryRenderedFeatures and project(). Not an API for app code.
     */
    __map?: MapLibreMap;
  }
}

export type LayerVisibility = Record<LayerName, boolean>;

interface MapViewProps {
  visibility: LayerVisibility;
  selected: FeatureRef | null;
  onSelect: (ref: FeatureRef | null) => void;
  /** The map once its style has loaded (the editor draws on it), null when it goes. */
  onMap?: (map: MapLibreMap | null) => void;
}

/** MapLibre's own control texts in Dutch. */
const MAP_LOCALE = {
  'NavigationControl.ZoomIn': t.kaart.zoomIn,
  'NavigationControl.ZoomOut': t.kaart.zoomUit,
  'NavigationControl.ResetBearing': t.kaart.noordBoven,
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
};

export function MapView({ visibility, selected, onSelect, onMap }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const interactionRef = useRef<ReturnType<typeof attachInteraction> | null>(null);
  const labelsRef = useRef<LabelOverlay | null>(null);
  const onSelectRef = useRef(onSelect);
  const onMapRef = useRef(onMap);
  useEffect(() => {
    onSelectRef.current = onSelect;
    onMapRef.current = onMap;
  });

  const config = useConfig();
  const categories = useMilieucategorieen();
  const attribution = config.data?.attribution ?? [];
  const style = useBasemapStyle(config.data?.basemapStyleUrl, attribution.length > 0);
  const sea = useSea();
  const layers = useAllLayers();

  // Create the map once the style and the category list (which drives the kavel colours) are known.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !style.data || !categories.data) return;
    configureMapLibre();
    const instance = createMap(container, style.data, attribution, categories.data);
    const interaction = attachInteraction(instance, (ref) => onSelectRef.current(ref));
    const labels = new LabelOverlay(instance);
    labels.define('gemeenten', { className: 'map-label--gemeente', minzoom: 0, maxzoom: 13 });
    // Terreinen with a known name from zoom 12; those with only a working name
    // ("… (naam onbekend)") from zoom 14, where there is room for them.
    labels.define('terreinen', { className: 'map-label--terrein', minzoom: 12, maxzoom: 24 });
    labels.define('terreinen-werknaam', { className: 'map-label--terrein', minzoom: 14, maxzoom: 24 });
    interactionRef.current = interaction;
    labelsRef.current = labels;
    instance.on('load', () => {
      window.__map = instance;
      setMap(instance);
      onMapRef.current?.(instance);
    });
    return () => {
      setMap(null);
      onMapRef.current?.(null);
      interaction.destroy();
      labels.destroy();
      interactionRef.current = null;
      labelsRef.current = null;
      if (window.__map === instance) delete window.__map;
      delete document.body.dataset.mapReady;
      instance.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the attribution list comes with the same config as the style
  }, [style.data, categories.data]);

  // Data: each layer is drawn as soon as it arrives, and again only when it changed
  // (a save puts one feature into its layer's cache: only that layer is sent to the map);
  // while the monitor shows a past peildatum, the versioned layers as they were on that date.
  const loaded = layers.data;
  const { kaart: verleden } = usePeildatum();
  const drawn = useRef(new Map<LayerName, unknown>());
  // A new map has none of the data yet (declared first: runs before the effect below).
  useEffect(() => {
    drawn.current.clear();
  }, [map]);
  useEffect(() => {
    if (!map) return;
    for (const layer of LAYER_NAMES) {
      const data = (verleden && (layer === 'kavels' || layer === 'transformaties' || layer === 'compensaties') ? verleden[layer] : undefined) ?? loaded[layer];
      if (!data || drawn.current.get(layer) === data) continue;
      map.getSource<GeoJSONSource>(sourceId(layer))?.setData(data);
      drawn.current.set(layer, data);
    }
  }, [map, verleden, loaded]);

  useEffect(() => {
    if (map && sea.data) map.getSource<GeoJSONSource>(SEA_SOURCE)?.setData(sea.data);
  }, [map, sea.data]);

  useEffect(() => {
    if (map && loaded.gemeenten) map.getSource<GeoJSONSource>(MASK_SOURCE)?.setData(regionMask(loaded.gemeenten));
  }, [map, loaded.gemeenten]);

  // Labels: municipality names at low zoom, terrein names from zoom 12.
  useEffect(() => {
    if (map && loaded.gemeenten) labelsRef.current?.setItems('gemeenten', labelItems(loaded.gemeenten, 1000));
  }, [map, loaded.gemeenten]);
  useEffect(() => {
    const terreinen = loaded.terreinen;
    if (!map || !terreinen) return;
    const named = { ...terreinen, features: terreinen.features.filter((f) => f.properties.naam_bekend) };
    const unnamed = { ...terreinen, features: terreinen.features.filter((f) => !f.properties.naam_bekend) };
    labelsRef.current?.setItems('terreinen', labelItems(named, 500));
    labelsRef.current?.setItems('terreinen-werknaam', labelItems(unnamed, 0));
  }, [map, loaded.terreinen]);

  useEffect(() => {
    if (!map) return;
    for (const layer of LAYER_NAMES) setLayerVisibility(map, layer, visibility[layer]);
    labelsRef.current?.setVisible('gemeenten', visibility.gemeenten);
    labelsRef.current?.setVisible('terreinen', visibility.terreinen);
    labelsRef.current?.setVisible('terreinen-werknaam', visibility.terreinen);
  }, [map, visibility]);

  useEffect(() => {
    if (map) interactionRef.current?.setSelected(selected);
    // The feature panel covers part of the map: labels move out from under it.
    labelsRef.current?.refresh();
  }, [map, selected]);

  // Ready for tests (and a signal for screenshots): first idle with every data layer loaded.
  const allLoaded = layers.allLoaded;
  useEffect(() => {
    if (!map || !allLoaded) return;
    const check = () => {
      if (LAYER_NAMES.every((l) => map.getSource(sourceId(l)) && map.isSourceLoaded(sourceId(l)))) {
        document.body.dataset.mapReady = 'true';
        map.off('idle', check);
      }
    };
    map.on('idle', check);
    map.triggerRepaint();
    return () => {
      map.off('idle', check);
    };
  }, [map, allLoaded]);

  const layerError = layers.errors[0];
  const error = config.error ?? style.error ?? categories.error ?? layerError?.error ?? null;
  const errorText = error && !config.error && !style.error && !categories.error && layerError
    ? `${t.fouten.laag(t.lagen.naam[layerError.layer])} ${error.message}`
    : error?.message || t.fouten.kaart;
  const loading = !map && !error;

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
      {verleden && (
        <div className="map-peildatum" role="status" data-testid="kaart-peildatum">
          <div>
            <strong>Kaart op {formatDate(verleden.peildatum)}</strong>
            <span>Kavels, transformaties en compensaties zoals ze toen lagen.</span>
          </div>
          <button type="button" onClick={() => zetPeildatum(null)}>Terug naar vandaag</button>
        </div>
      )}
      {loading && <div className="map-status">{t.kaart.laden}</div>}
      {error && (
        <div className="map-error" role="alert">
          <strong>{t.fouten.titel}</strong>
          <span>{errorText}</span>
        </div>
      )}
    </div>
  );
}

function createMap(
  container: HTMLElement,
  style: StyleSpecification,
  attribution: string[],
  categories: Milieucategorie[],
): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style,
    bounds: REGION_BOUNDS,
    fitBoundsOptions: { padding: REGION_PADDING },
    minZoom: MIN_ZOOM,
    maxBounds: MAX_BOUNDS,
    maxZoom: MAX_ZOOM,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    locale: MAP_LOCALE,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new AttributionControl({ compact: false, customAttribution: attribution }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new RegionControl(t.kaart.regio), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
  map.on('load', () => {
    addPatterns(map, colors);
    addDataLayers(map, categories, LAYER_NAMES, basemapWaterColor(style));
  });
  // Logged as errors so that an invalid layer or a failing tile source fails the browser tests.
  map.on('error', (e) => console.error('[kaart]', e.error?.message ?? e));
  return map;
}

function labelItems(collection: LayerCollection, basePriority: number) {
  return collection.features
    .filter((f) => f.properties.naam)
    .map((f) => ({
      key: String(f.id),
      text: f.properties.naam!,
      lngLat: labelPoint(f.geometry),
      // Bigger areas first when labels compete for space.
      priority: basePriority + f.properties.oppervlakte_ha,
    }));
}
