// Live balance while drawing (issue #5): what saving the draft would change per
// gemeente and milieucategorie, from POST /api/balans/preview (nothing is stored).
import { useEffect, useState } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import { call, http, type Schemas } from '../api/http.ts';
import { useMe } from '../api/session.ts';

type Delta = Schemas['Verschil'];
type Preview = Schemas['BalansPreview'];

const nl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const d = (x: Delta) => `${nl.format(x.verschil)} ha`;

export function BalansPreview({ layer, id, polygon, nieuweFunctie }: {
  layer: 'transformaties' | 'compensaties';
  id?: number;
  polygon: Polygon | MultiPolygon | null;
  nieuweFunctie?: string;
}) {
  const me = useMe();
  const [preview, setPreview] = useState<Preview | null>(null);
  const key = polygon ? JSON.stringify(polygon.coordinates) : '';
  useEffect(() => {
    if (!polygon || !me.data) return setPreview(null);
    let stale = false;
    // Debounced: a preview recomputes the whole balance in PostGIS.
    const timer = setTimeout(() => {
      const functie = nieuweFunctie === 'wonen' || nieuweFunctie === 'gemengd' || nieuweFunctie === 'overig' ? nieuweFunctie : undefined;
      call(http.POST('/api/balans/preview', { body: {
        laag: layer === 'transformaties' ? 'transformatie' : 'compensatie',
        ...(id ? { id } : {}),
        geometry: { type: polygon.type, coordinates: polygon.coordinates },
        ...(layer === 'transformaties' && functie ? { properties: { nieuwe_functie: functie } } : {}),
      } })).then((p) => !stale && setPreview(p)).catch(() => !stale && setPreview(null));
    }, 600);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the polygon is keyed by its coordinates (a redrawn copy is no change)
  }, [key, layer, id, nieuweFunctie, me.data]);

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
