// Legend: kavel colours per milieucategorie (from the API's category list) and
// the symbols of the other layers. Swatches use the same colours as the map.
import type { LayerName, Milieucategorie } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { categoryColors, colors } from './palette.ts';

interface LegendProps {
  categories: Milieucategorie[] | undefined;
  visibility: Record<LayerName, boolean>;
}

export function Legend({ categories, visibility }: LegendProps) {
  const palette = categories ? categoryColors(categories) : new Map<string, string>();
  return (
    <section className="legend" data-testid="legend" aria-label={t.legenda.titel}>
      <h2 className="panel-heading">{t.legenda.titel}</h2>
      <div className={visibility.kavels ? '' : 'legend--muted'}>
        <h3 className="legend-subheading">{t.legenda.kavelsNaar}</h3>
        <ul className="legend-categories" title={t.legenda.richtafstandUitleg}>
          {categories?.map((c) => (
            <li key={c.code} data-code={c.code}>
              <span className="swatch" style={{ background: palette.get(c.code) }} />
              <span className="legend-label">{c.omschrijving}</span>
              <span className="legend-meta">{t.legenda.richtafstand(c.richtafstand_m)}</span>
            </li>
          ))}
        </ul>
        <p className="legend-note">{t.legenda.richtafstandUitleg}</p>
        <p className="legend-optie"><span className="symbol symbol--line-dashed" style={{ borderColor: colors.inOptie }} />{t.legenda.inOptie}</p>
      </div>
    </section>
  );
}

/** Small symbol for a layer, shown next to its toggle. */
export function LayerSymbol({ layer }: { layer: LayerName }) {
  switch (layer) {
    case 'gemeenten':
      return <span className="symbol symbol--line-dashed" style={{ borderColor: colors.gemeenteLine }} />;
    case 'terreinen':
      return <span className="symbol" style={{ borderColor: colors.terreinLine, background: 'rgba(100,116,139,0.18)' }} />;
    case 'kavels':
      return <span className="symbol symbol--ramp" style={{ borderColor: colors.kavelLine }} />;
    case 'kanszones':
      return <span className="symbol symbol--hatch symbol--dashed" style={{ borderColor: colors.kanszone, color: colors.kanszone }} />;
    case 'transformaties':
      return <span className="symbol symbol--hatch" style={{ borderColor: colors.transformatie, color: colors.transformatie }} />;
    case 'compensaties':
      return <span className="symbol" style={{ borderColor: colors.compensatie, background: 'rgba(46,125,79,0.3)' }} />;
  }
}
