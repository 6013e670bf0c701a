// Live balance while drawing (issue #5): what saving the draft would change per
// gemeente and milieucategorie, from POST /api/balans/preview (nothing is stored).
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MultiPolygon, Polygon } from 'geojson';
import { call, http, type Schemas } from '../api/http.ts';
import { useMe } from '../api/session.ts';

type Delta = Schemas['Verschil'];
type Draft = Schemas['BalansPreviewVerzoek'];

const nl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const d = (x: Delta) => `${nl.format(x.verschil)} ha`;

/** The value after it has stood still for `ms`: a preview recomputes the whole balance in PostGIS. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function BalansPreview({ layer, id, polygon, nieuweFunctie }: {
  layer: 'transformaties' | 'compensaties';
  id?: number;
  polygon: Polygon | MultiPolygon | null;
  nieuweFunctie?: string;
}) {
  const me = useMe();
  const functie = nieuweFunctie === 'wonen' || nieuweFunctie === 'gemengd' || nieuweFunctie === 'overig' ? nieuweFunctie : undefined;
  const draft: Draft | null = polygon && {
    laag: layer === 'transformaties' ? 'transformatie' : 'compensatie',
    ...(id ? { id } : {}),
    geometry: { type: polygon.type, coordinates: polygon.coordinates },
    ...(layer === 'transformaties' && functie ? { properties: { nieuwe_functie: functie } } : {}),
  };
  // Keyed by its content: a redrawn copy of the same shape is no change.
  const asked = useDebounced(draft ? JSON.stringify(draft) : '', 600);
  const query = useQuery({
    queryKey: ['balans-preview', asked],
    queryFn: ({ signal }) => call(http.POST('/api/balans/preview', { body: JSON.parse(asked) as Draft, signal })),
    enabled: asked !== '' && !!me.data,
    // The last answer stays until the next one arrives; a failed preview shows nothing.
    placeholderData: keepPreviousData,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const preview = polygon && !query.isError ? query.data : undefined;

  if (!preview) return null;
  return (
    <div className="feature-section balans-preview" data-testid="balans-preview">
      <div className="feature-section-title">Effect op de hectarebalans (voorlopig)</div>
      <p className="feature-note">
        {layer === 'transformaties'
          ? <>Netto verloren {d(preview.regio.netto_verloren_ha)} · nog toe te wijzen {d(preview.regio.nog_toe_te_wijzen_ha)}</>
          : <>Compensatie {d(preview.regio.compensatie_ha)} · zonder toewijzing {d(preview.regio.compensatie_zonder_toewijzing_ha)}</>}
      </p>
      {preview.per_gemeente.length > 0 && (
        <ul>
          {preview.per_gemeente.map((g) => (
            <li key={g.gemeente}>{g.gemeente}: verloren {d(g.verloren_ha)}, nog toe te wijzen {d(g.nog_toe_te_wijzen_ha)}{g.restant_ha.verschil !== 0 && <>, restant {d(g.restant_ha)}</>}</li>
          ))}
        </ul>
      )}
      {preview.per_milieucategorie.length > 0 && (
        <ul>
          {preview.per_milieucategorie.map((c) => (
            <li key={c.milieucategorie}>{c.milieucategorie === 'zonder_kavel' ? 'zonder kavelindeling' : `cat. ${c.milieucategorie}`}: verloren {d(c.verloren_ha)}, compensatie {d(c.compensatie_ha)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
