// Page layout: top bar, then either the sign-in form or the map with the
// layer panel (left) and the feature panel (right).
import { useCallback, useState } from 'react';
import type { LayerName } from '../api/types.ts';
import { useMe } from '../api/session.ts';
import { LoginScreen } from '../auth/LoginScreen.tsx';
import { t } from '../i18n/nl.ts';
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
  const me = useMe();
  return (
    <div className="app">
      <TopBar me={me.data ?? null} />
      {me.data ? (
        <MapScreen />
      ) : me.data === null ? (
        <LoginScreen />
      ) : (
        <main className="app-main">
          <div className="map-status" role={me.error ? 'alert' : undefined}>
            {me.error ? me.error.message : t.inloggen.controleren}
          </div>
        </main>
      )}
    </div>
  );
}

function MapScreen() {
  const [visibility, setVisibility] = useState(INITIAL_VISIBILITY);
  const [selected, setSelected] = useState<FeatureRef | null>(null);

  const toggle = useCallback((layer: LayerName, visible: boolean) => {
    setVisibility((v) => ({ ...v, [layer]: visible }));
    // A hidden layer cannot stay selected.
    setSelected((s) => (s && s.layer === layer && !visible ? null : s));
  }, []);
  const close = useCallback(() => setSelected(null), []);

  return (
    <main className={selected ? 'app-main has-feature-panel' : 'app-main'}>
      <MapView visibility={visibility} selected={selected} onSelect={setSelected} />
      <LayerPanel visibility={visibility} onToggle={toggle} />
      {selected && <FeaturePanel key={`${selected.layer}-${selected.id}`} selected={selected} onClose={close} />}
    </main>
  );
}
