// Floating card on the left: layer toggles with their symbols, and the legend.
import { useMilieucategorieen } from '../api/hooks.ts';
import { LAYER_NAMES, type LayerName } from '../api/layers.ts';
import { t } from '../i18n/nl.ts';
import { Legend, LayerSymbol } from '../map/Legend.tsx';
import type { LayerVisibility } from '../map/MapView.tsx';
import { useTileLayers } from '../map/tiles.ts';

/** Layers whose content is generated sample data (bron "voorbeeld"). */
const SAMPLE_LAYERS: ReadonlySet<LayerName> = new Set(['kavels', 'kanszones', 'transformaties', 'compensaties']);

interface LayerPanelProps {
  visibility: LayerVisibility;
  onToggle: (layer: LayerName, visible: boolean) => void;
}

export function LayerPanel({ visibility, onToggle }: LayerPanelProps) {
  // The counts come with each layer's TileJSON (the map's own request), never from the layer's records.
  const tiles = useTileLayers();
  const categories = useMilieucategorieen();
  return (
    <aside className="layer-panel" aria-label={t.lagen.titel} data-map-occluder>
      <section>
        <h2 className="panel-heading">{t.lagen.titel}</h2>
        <ul className="layer-list">
          {LAYER_NAMES.map((layer) => {
            const count = tiles.data[layer]?.aantal;
            const failed = tiles.errors.some((e) => e.layer === layer);
            return (
              <li key={layer}>
                <label className="layer-toggle">
                  <input
                    type="checkbox"
                    checked={visibility[layer]}
                    onChange={(e) => onToggle(layer, e.target.checked)}
                    data-testid={`toggle-${layer}`}
                  />
                  <LayerSymbol layer={layer} />
                  <span className="layer-name">{t.lagen.naam[layer]}</span>
                  {SAMPLE_LAYERS.has(layer) && <span className="sample-pill" title={t.voorbeeld.uitleg}>{t.voorbeeld.pill}</span>}
                  <span className="layer-count">{count !== undefined ? t.lagen.aantal(count) : failed ? t.waarde.geen : '…'}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </section>
      <Legend categories={categories.data} visibility={visibility} />
    </aside>
  );
}
