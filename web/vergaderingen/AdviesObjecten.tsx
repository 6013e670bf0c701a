// The records an advies concerns (terreinen, kavels, transformaties, compensaties):
// listed by type and name, chosen on the map in pick mode (click adds, click again
// removes; Klaar or Escape ends it), and shown on the map through the monitor's
// highlight() (feature-state 'selected' and a fit that keeps clear of the panel).
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Schemas } from '../api/http.ts';
import type { LayerName } from '../api/layers.ts';
import { ADVIES_TABELLEN, type AdviesTabel } from '../../server/domain/advies.ts';
import { startKiesmodus, stopKiesmodus, vlakOp } from '../map/kiesmodus.ts';
import { highlight } from '../monitor/highlight.ts';
import { tv } from './nl.ts';

export interface AdviesObject {
  tabel: AdviesTabel;
  id: number;
  naam: string | null;
  /** False when the record has been removed since (the API still names it). */
  bestaat?: boolean;
}

const LAAG: Record<AdviesTabel, LayerName> = { terrein: 'terreinen', kavel: 'kavels', transformatie: 'transformaties', compensatie: 'compensaties' };
const TABEL_VAN = Object.fromEntries(Object.entries(LAAG).map(([t, l]) => [l, t])) as Partial<Record<LayerName, AdviesTabel>>;
const KIESBAAR = Object.values(LAAG);

/** The ids per table, as highlight() takes them (its keys are the table names). */
export function idsVan(objecten: readonly AdviesObject[]): Schemas['BronIds'] {
  const ids: Schemas['BronIds'] = {};
  for (const o of objecten) if (o.bestaat !== false) (ids[o.tabel] ??= []).push(o.id);
  return ids;
}

/** The name a record is shown with: its own (from the API, or the map's tile when picked), or "Kavel 12" (kavels often have none). */
const naamVan = (o: AdviesObject) => o.naam || (o.tabel === 'kavel' ? `Kavel ${o.id}` : `#${o.id}`);

/** The records by type and name; with `onVerwijder`, each with a button to take it off. */
export function ObjectenLijst({ objecten, onVerwijder, testId }: {
  objecten: readonly AdviesObject[]; onVerwijder?: (o: AdviesObject) => void; testId?: string;
}) {
  const groepen = ADVIES_TABELLEN.map((tabel) => ({ tabel, leden: objecten.filter((o) => o.tabel === tabel) })).filter((g) => g.leden.length);
  return (
    <dl className="vg-objecten" data-testid={testId}>
      {groepen.map((g) => (
        <div key={g.tabel} className="vg-objecten-groep">
          <dt>{tv.vlakken.groep[g.tabel]}</dt>
          {g.leden.map((o) => {
            const naam = naamVan(o);
            return (
              <dd key={o.id} data-testid={`object-${o.tabel}-${o.id}`}>
                <span className={o.bestaat === false ? 'vg-object-weg' : undefined}>{naam}</span>
                {o.bestaat === false && <span className="vg-object-noot"> ({tv.vlakken.bestaatNiet})</span>}
                {onVerwijder && (
                  <button type="button" className="icon-button vg-object-weghalen" onClick={() => onVerwijder(o)} aria-label={tv.vlakken.verwijder(naam)}
                    data-testid={`object-weg-${o.tabel}-${o.id}`}>×</button>
                )}
              </dd>
            );
          })}
        </div>
      ))}
    </dl>
  );
}

/** Marks the chosen records on the map while the form is open (no fit: the view is the user's); unmarks them when it closes. */
function useGemarkeerd(map: MapLibreMap | null, objecten: readonly AdviesObject[]) {
  useEffect(() => {
    if (map) highlight(map, {}, idsVan(objecten), false);
  }, [map, objecten]);
  useEffect(() => () => {
    if (map) highlight(map, {}, {}, false);
  }, [map]);
}

/**
 * Chooses the records an advies concerns: "Kies op de kaart" starts pick mode, in which
 * a click on a terrein, kavel, transformatie or compensatie adds it and a second click
 * takes it off; a hint on the map says how to finish (Klaar or Escape).
 */
export function ObjectKiezer({ map, gekozen, onChange }: {
  map: MapLibreMap | null; gekozen: AdviesObject[]; onChange: (objecten: AdviesObject[]) => void;
}) {
  const [kiezen, setKiezen] = useState(false);
  // The map's click handler reads the latest list and callback without being re-attached.
  const gekozenRef = useRef(gekozen);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    gekozenRef.current = gekozen;
    onChangeRef.current = onChange;
  });
  useGemarkeerd(map, gekozen);

  useEffect(() => {
    if (!kiezen || !map) return;
    const stop = () => setKiezen(false);
    startKiesmodus(stop);
    const klik = (e: MapMouseEvent) => {
      const hit = vlakOp(map, e.point, KIESBAAR);
      const tabel = hit && TABEL_VAN[hit.layer];
      if (!hit || !tabel) return;
      const id = Number(hit.feature.id);
      const huidig = gekozenRef.current;
      const al = huidig.some((o) => o.tabel === tabel && o.id === id);
      onChangeRef.current(al
        ? huidig.filter((o) => !(o.tabel === tabel && o.id === id))
        : [...huidig, { tabel, id, naam: (hit.feature.properties?.naam as string | undefined) || null }]);
    };
    const toets = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      stop();
    };
    map.on('click', klik);
    window.addEventListener('keydown', toets, true);
    return () => {
      map.off('click', klik);
      window.removeEventListener('keydown', toets, true);
      stopKiesmodus(stop);
    };
  }, [kiezen, map]);

  const hint = kiezen && map?.getContainer().parentElement
    ? createPortal(
      <div className="vg-kieshint" role="status" data-testid="kies-hint">
        <span>{tv.vlakken.hint}</span>
        <span className="vg-kieshint-teller">{tv.vlakken.gekozen(gekozen.length)}</span>
        <button type="button" className="primary-button" onClick={() => setKiezen(false)} data-testid="kies-klaar">{tv.vlakken.klaar}</button>
      </div>,
      map.getContainer().parentElement!,
    )
    : null;

  return (
    <fieldset className="vg-kiezer" data-testid="object-kiezer">
      <legend>{tv.vlakken.kop}</legend>
      {gekozen.length ? (
        <ObjectenLijst objecten={gekozen} testId="gekozen-objecten"
          onVerwijder={(o) => onChange(gekozen.filter((x) => !(x.tabel === o.tabel && x.id === o.id)))} />
      ) : <p className="monitor-note">{tv.vlakken.geen}</p>}
      <button type="button" className="vg-knop" aria-pressed={kiezen} disabled={!map} onClick={() => setKiezen((k) => !k)} data-testid="kies-op-kaart">
        {kiezen ? tv.vlakken.klaar : tv.vlakken.kies}
      </button>
      {hint}
    </fieldset>
  );
}

/**
 * "Toon op kaart": exactly these records marked, and the map fitted to them (clear of the
 * open panel); highlight() asks the server for the box around them.
 */
export function ToonOpKaart({ map, objecten, testId }: { map: MapLibreMap | null; objecten: readonly AdviesObject[]; testId?: string }) {
  const ids = idsVan(objecten);
  if (!Object.keys(ids).length) return null;
  return (
    <button type="button" className="vg-knop" disabled={!map} onClick={() => map && highlight(map, {}, ids, true)} data-testid={testId}>
      {tv.vlakken.toon}
    </button>
  );
}
