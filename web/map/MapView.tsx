// The full-window map: basemap from the server's config, the sea overlay, and the API
// layers as vector tiles (web/map/tiles.ts) with hover, selection and symbol labels.
import { useEffect, useRef, useState } from 'react';
import {
  AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type StyleSpecification,
  type VectorTileSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useConfig, useLayer, useMilieucategorieen } from '../api/hooks.ts';
import { LAYER_NAMES, type LayerName } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { configureMapLibre } from './runtime.ts';
import { basemapWaterColor } from './basemap.ts';
import { useBasemapStyle, useSea } from './useBasemap.ts';
import { addDataLayers, MASK_SOURCE, PAST_LAYERS, pastSourceId, SEA_SOURCE, setLayerVisibility, sourceId } from './layers.ts';
import { regionMask } from './mask.ts';
import { addPatterns } from './patterns.ts';
import { colors } from './palette.ts';
import { attachInteraction, type FeatureRef } from './interaction.ts';
import { glyphsUrl } from './labels.ts';
import { tileUrls, useTileLayers, type TileLayerInfo } from './tiles.ts';
import { RegionControl } from './controls.ts';
import { isNetworkFailure } from './network-retry.ts';
import { gebiedOf, MAX_ZOOM, minZoomFor, panningLimit, regionPadding, type Gebied } from './region.ts';
import { usePeildatum, zetPeildatum } from './peildatum.ts';
import { keepRegionBesidePanels } from './region-view.ts';
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
  // The map once its style has loaded (internal), and once its data layers are on it too.
  const [styled, setStyled] = useState<MapLibreMap | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const interactionRef = useRef<ReturnType<typeof attachInteraction> | null>(null);
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
  // The map draws every layer from vector tiles; only the small gemeenten layer comes whole (the region's veil).
  const gemeenten = useLayer('gemeenten');
  const tiles = useTileLayers();

  // Create the map once the style and the category list (which drives the kavel colours) are known.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !style.data || !categories.data) return;
    configureMapLibre();
    const gebied = gebiedOf(config.data?.gebied);
    const instance = createMap(container, style.data, attribution, gebied);
    const stopReporting = reportMapErrors(instance);
    // The map's screen (main) holds the workspace panels.
    const stopFollowingPanels = keepRegionBesidePanels(instance, gebied, container.closest('main') ?? container.parentElement!);
    const interaction = attachInteraction(instance, (ref) => onSelectRef.current(ref));
    interactionRef.current = interaction;
    instance.on('load', () => setStyled(instance));
    return () => {
      setStyled(null);
      setMap(null);
      onMapRef.current?.(null);
      interaction.destroy();
      interactionRef.current = null;
      if (window.__map === instance) delete window.__map;
      delete document.body.dataset.mapReady;
      stopFollowingPanels();
      instance.remove();
      stopReporting();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the attribution list comes with the same config as the style
  }, [style.data, categories.data]);

  // The data layers go on once every layer's TileJSON is known (its tile URL names the
  // layer's version); only then is the map handed out, so the editor draws on top.
  const tileInfos = tiles.data;
  const drawnVersion = useRef(new Map<LayerName, number>());
  useEffect(() => {
    if (!styled || map || !tiles.allLoaded || !categories.data || !style.data) return;
    addPatterns(styled, colors);
    addDataLayers(styled, categories.data, tileInfos as Record<LayerName, TileLayerInfo>, basemapWaterColor(style.data));
    drawnVersion.current = new Map(LAYER_NAMES.map((l) => [l, tileInfos[l]!.versie]));
    window.__map = styled;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- handed out once MapLibre (outside React) has the layers
    setMap(styled);
    onMapRef.current?.(styled);
  }, [styled, map, tiles.allLoaded, tileInfos, categories.data, style.data]);

  // A layer's new version (after a write): its source loads the tiles of that version.
  useEffect(() => {
    if (!map) return;
    for (const layer of LAYER_NAMES) {
      const info = tileInfos[layer];
      if (!info || drawnVersion.current.get(layer) === info.versie) continue;
      map.getSource<VectorTileSource>(sourceId(layer))?.setTiles(tileUrls(info));
      drawnVersion.current.set(layer, info.versie);
    }
  }, [map, tileInfos]);

  // While the monitor shows a past peildatum: kavels, transformaties and compensaties as
  // they were on that date, from its GeoJSON, in place of their tiles.
  const { kaart: verleden } = usePeildatum();
  useEffect(() => {
    if (!map) return;
    for (const layer of PAST_LAYERS) {
      map.getSource<GeoJSONSource>(pastSourceId(layer))?.setData(verleden?.[layer] ?? { type: 'FeatureCollection', features: [] });
    }
    interactionRef.current?.setVerleden(!!verleden);
  }, [map, verleden]);

  useEffect(() => {
    if (map && sea.data) map.getSource<GeoJSONSource>(SEA_SOURCE)?.setData(sea.data);
  }, [map, sea.data]);

  useEffect(() => {
    if (map && gemeenten.data) map.getSource<GeoJSONSource>(MASK_SOURCE)?.setData(regionMask(gemeenten.data));
  }, [map, gemeenten.data]);

  useEffect(() => {
    if (!map) return;
    for (const layer of LAYER_NAMES) setLayerVisibility(map, layer, visibility[layer], !!verleden);
  }, [map, visibility, verleden]);

  useEffect(() => {
    if (map) interactionRef.current?.setSelected(selected);
  }, [map, selected]);

  // Ready for tests (and a signal for screenshots): first idle with every data layer's tiles and the veil loaded.
  const allLoaded = tiles.allLoaded && gemeenten.isSuccess;
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

  const layerError = gemeenten.error ? { layer: 'gemeenten' as const, error: gemeenten.error } : tiles.errors[0];
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
  gebied: Gebied,
): MapLibreMap {
  const map = new MapLibreMap({
    container,
    // The labels' fonts come from the app itself (offline), whatever the basemap names.
    style: { ...style, glyphs: glyphsUrl() },
    // Opens on the gemeenten in the database: a region, or the whole country.
    bounds: gebied,
    fitBoundsOptions: { padding: regionPadding(container) },
    maxBounds: panningLimit(gebied),
    maxZoom: MAX_ZOOM,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    locale: MAP_LOCALE,
  });
  map.setMinZoom(minZoomFor(map.getZoom()));
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new AttributionControl({ compact: false, customAttribution: attribution }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new RegionControl(t.kaart.regio, gebied), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
  return map;
}

/**
 * Logs the map's errors as errors, so that an invalid layer or a failing tile source fails the
 * browser tests; not once the page is being left, whose requests the browser cancels ("Failed
 * to fetch"). Returns what removes the page listeners again.
 */
function reportMapErrors(map: MapLibreMap): () => void {
  let leaving = false;
  const listeners = new AbortController();
  window.addEventListener('pagehide', () => { leaving = true; }, { signal: listeners.signal });
  window.addEventListener('pageshow', () => { leaving = false; }, { signal: listeners.signal });
  map.on('error', (e) => {
    if (leaving) return;
    const sourceId = (e as { sourceId?: string }).sourceId;
    // A basemap request Chromium cancels or loses ("Failed to fetch", already retried) leaves a
    // background tile for the next render; our own layers' failures stay errors.
    if (sourceId && !sourceId.startsWith('data-') && isNetworkFailure(e.error)) console.warn('[kaart] achtergrond', e.error?.message);
    else console.error('[kaart]', sourceId ?? '', e.error?.message ?? e);
  });
  return () => listeners.abort();
}
