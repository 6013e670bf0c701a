// Page layout: top bar, full-window map, layer panel left, feature panel right.
import { useCallback, useState } from 'react';
import type { LayerName } from '../api/types.ts';
import { MapView, type LayerVisibility } from '../map/MapView.tsx';
import type { FeatureRef } from '../map/interaction.ts';
import { FeaturePanel } from '../panels/FeaturePanel.tsx';
import { LayerPanel } from '../panels/LayerPanel.tsx';
import { TopBar } from './TopBar.tsx';

const INITIAL_VISIBILITY: LayerVisibility = {
  gemeenten: true,
  terreinen: true,
  kavels: true,
  kanszones: true,
  transformaties: true,
  compensaties: true,
};

export function App() {
  const [visibility, setVisibility] = useState(INITIAL_VISIBILITY);
  const [selected, setSelected] = useState<FeatureRef | null>(null);

  const toggle = useCallback((layer: LayerName, visible: boolean) => {
    setVisibility((v) => ({ ...v, [layer]: visible }));
    // A hidden layer cannot stay selected.
    setSelected((s) => (s && s.layer === layer && !visible ? null : s));
  }, []);
  const close = useCallback(() => setSelected(null), []);

  return (
    <div className="app">
      <TopBar />
      <main className={selected ? 'app-main has-feature-panel' : 'app-main'}>
        <MapView visibility={visibility} selected={selected} onSelect={setSelected} />
        <LayerPanel visibility={visibility} onToggle={toggle} />
        {selected && <FeaturePanel key={`${selected.layer}-${selected.id}`} selected={selected} onClose={close} />}
      </main>
    </div>
  );
}
