// The region map of a snapshot for paper: MapLibre draws the polygons as they were
// into an off-screen canvas, which is then kept as an image (a WebGL canvas prints
// blank), with the gemeente and terrein names, a legend, a scale bar in metres and a
// north arrow laid over it in HTML.
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, type LayerSpecification, type LngLatBoundsLike, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Schemas } from '../api/http.ts';
import { LAYER_NAMES, type Milieucategorie } from '../api/layers.ts';
import { configureMapLibre } from '../map/runtime.ts';
import { dataLayers } from '../map/layers.ts';
import { addPatterns } from '../map/patterns.ts';
import { categoryColors, colors } from '../map/palette.ts';
import { labelPoint } from '../map/labels.ts';

type Kaart = Schemas['VergaderKaart'];

export const KAART_BREEDTE = 1480;
export const KAART_HOOGTE = 920;
/** Terreinen smaller than this are not named on the region map (they would crowd it). */
const NAAM_VANAF_HA = 15;

interface Beeld {
  src: string;
  labels: { tekst: string; x: number; y: number; soort: 'gemeente' | 'terrein' }[];
  schaal: { meter: number; px: number };
}

/** A round length for the scale bar that is at most `maxPx` long. */
function schaalbalk(meterPerPx: number, maxPx = 220) {
  const stappen = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];
  const meter = [...stappen].reverse().find((m) => m / meterPerPx <= maxPx) ?? stappen[0];
  return { meter, px: Math.round(meter / meterPerPx) };
}

export function PrintKaart({ kaart, bereik, stijl, categorieen, onKlaar, onFout }: {
  kaart: Kaart; bereik: [number, number, number, number]; stijl: StyleSpecification; categorieen: Milieucategorie[];
  onKlaar: () => void; onFout: (melding: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [beeld, setBeeld] = useState<Beeld | null>(null);

  useEffect(() => {
    if (!container.current) return;
    configureMapLibre();
    const map = new MapLibreMap({
      container: container.current, style: stijl, bounds: bereik as LngLatBoundsLike, fitBoundsOptions: { padding: 30 },
      interactive: false, attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true }, fadeDuration: 0,
    });
    let klaar = false;
    map.on('error', (e) => console.error('[printkaart]', e.error?.message ?? e));
    map.on('load', () => {
      addPatterns(map, colors);
      // The app's own layer styles, fed with the snapshot's polygons instead of the live tiles.
      for (const laag of LAYER_NAMES) map.addSource(`momentopname-${laag}`, { type: 'geojson', data: kaart[laag] as unknown as FeatureCollection });
      for (const spec of dataLayers(categorieen)) {
        const { 'source-layer': laag, ...rest } = spec as LayerSpecification & { 'source-layer'?: string };
        if (laag && (LAYER_NAMES as readonly string[]).includes(laag)) map.addLayer({ ...rest, source: `momentopname-${laag}` } as LayerSpecification);
      }
      map.once('idle', () => {
        if (klaar) return;
        klaar = true;
        const project = (g: unknown) => map.project(labelPoint(g as MultiPolygon));
        const labels: Beeld['labels'] = [
          ...kaart.gemeenten.features.filter((f) => f.properties.in_regio)
            .map((f) => ({ tekst: f.properties.naam, ...project(f.geometry), soort: 'gemeente' as const })),
          ...kaart.terreinen.features.filter((f) => f.properties.naam_bekend && f.properties.oppervlakte_ha >= NAAM_VANAF_HA)
            .map((f) => ({ tekst: f.properties.naam, ...project(f.geometry), soort: 'terrein' as const })),
        ];
        const lat = map.getCenter().lat;
        const meterPerPx = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
        setBeeld({ src: map.getCanvas().toDataURL('image/png'), labels, schaal: schaalbalk(meterPerPx) });
        map.remove();
      });
    });
    const wacht = setTimeout(() => { if (!klaar) onFout('de kaart werd niet binnen 60 seconden getekend'); }, 60_000);
    return () => {
      clearTimeout(wacht);
      if (!klaar) map.remove();
    };
  }, [kaart, bereik, stijl, categorieen, onFout]);

  useEffect(() => {
    if (beeld) onKlaar();
  }, [beeld, onKlaar]);

  const mc = categoryColors(categorieen);
  return (
    <figure className="print-kaart" style={{ width: KAART_BREEDTE }}>
      <div className="print-kaart-vlak" style={{ width: KAART_BREEDTE, height: KAART_HOOGTE }}>
        {beeld ? (
          <>
            <img src={beeld.src} alt="Kaart van de regio met bedrijventerreinen, kavels, transformaties en compensaties" width={KAART_BREEDTE} height={KAART_HOOGTE} data-testid="print-kaart-beeld" />
            {beeld.labels.map((l) => (
              <span key={`${l.soort}-${l.tekst}`} className={`print-label print-label--${l.soort}`} style={{ left: l.x, top: l.y }}>{l.tekst}</span>
            ))}
            <div className="print-noordpijl" aria-label="Noorden is boven">
              <svg viewBox="0 0 40 56" width="40" height="56" aria-hidden="true"><path d="M20 4 L34 44 L20 36 L6 44 Z" fill="#111" /><text x="20" y="55" textAnchor="middle" fontSize="12" fontWeight="700">N</text></svg>
            </div>
            <div className="print-schaal">
              <div className="print-schaal-balk" style={{ width: beeld.schaal.px }} />
              <span>{beeld.schaal.meter >= 1000 ? `${beeld.schaal.meter / 1000} km` : `${beeld.schaal.meter} m`} ({beeld.schaal.meter.toLocaleString('nl-NL')} meter)</span>
            </div>
          </>
        ) : (
          <div ref={container} className="print-kaart-canvas" style={{ width: KAART_BREEDTE, height: KAART_HOOGTE }} />
        )}
      </div>
      <figcaption className="print-legenda">
        <span><i className="lg lg-gemeente" />Gemeentegrens</span>
        <span><i className="lg" style={{ background: colors.terreinFill, opacity: 0.5, borderColor: colors.terreinLine }} />Bedrijventerrein</span>
        {[...mc].map(([code, kleur]) => <span key={code}><i className="lg" style={{ background: kleur }} />Kavel cat. {code}</span>)}
        <span><i className="lg" style={{ borderColor: colors.kanszone }} />Kanszone</span>
        <span><i className="lg" style={{ borderColor: colors.transformatie, background: `${colors.transformatie}33` }} />Transformatie</span>
        <span><i className="lg" style={{ borderColor: colors.compensatie, background: `${colors.compensatie}33` }} />Compensatie</span>
      </figcaption>
    </figure>
  );
}
