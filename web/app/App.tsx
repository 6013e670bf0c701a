// Page layout: top bar, then either the sign-in form or the map with the
// layer panel (left), the editing toolbar (for editors) and the side panel
// (right): the selected feature, or the edit session when one is active.
import { lazy, Suspense, useCallback, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useFeature } from '../api/hooks.ts';
import type { LayerName } from '../api/layers.ts';
import type { Me } from '../api/session.ts';
import { useMe } from '../api/session.ts';
import { LoginScreen } from '../auth/LoginScreen.tsx';
import { LINK_PAD, SetPasswordScreen } from '../auth/SetPasswordScreen.tsx';
import { EditorToolbar } from '../editor/EditorToolbar.tsx';
import { FeatureEditActions } from '../editor/FeatureEditActions.tsx';
import { isEditableLayer, mayDo, mayEdit } from '../editor/permissions.ts';
import { useEditor } from '../editor/useEditor.ts';
import { t } from '../i18n/nl.ts';
import { VERVALLEN } from '../../server/domain/layer-values.ts';
import { MapView, type LayerVisibility } from '../map/MapView.tsx';
import type { FeatureRef } from '../map/interaction.ts';
import { kiesmodusActief } from '../map/kiesmodus.ts';
import { FeaturePanel } from '../panels/FeaturePanel.tsx';
import { LayerPanel } from '../panels/LayerPanel.tsx';
import { TopBar, type Werkruimte } from './TopBar.tsx';

// Loaded when first opened, so the first map view downloads only the map.
const EditPanel = lazy(() => import('../editor/EditPanel.tsx').then((m) => ({ default: m.EditPanel })));
const MonitorPanel = lazy(() => import('../monitor/MonitorPanel.tsx').then((m) => ({ default: m.MonitorPanel })));
const MatchingPanel = lazy(() => import('../matching/MatchingPanel.tsx').then((m) => ({ default: m.MatchingPanel })));
const VergaderingenPanel = lazy(() => import('../vergaderingen/VergaderingenPanel.tsx').then((m) => ({ default: m.VergaderingenPanel })));
const Presentatie = lazy(() => import('../vergaderingen/Presentatie.tsx').then((m) => ({ default: m.Presentatie })));
const ExchangePanel = lazy(() => import('../exchange/ExchangePanel.tsx').then((m) => ({ default: m.ExchangePanel })));
const AccountsBeheer = lazy(() => import('../beheer/AccountsBeheer.tsx').then((m) => ({ default: m.AccountsBeheer })));
const MijnAccount = lazy(() => import('../account/MijnAccount.tsx').then((m) => ({ default: m.MijnAccount })));

/** Stands in for a side panel while its code loads. */
function PanelLoading() {
  return (
    <aside className="feature-panel" aria-busy="true" data-testid="paneel-laden">
      <p className="feature-loading">{t.paneel.laden}</p>
    </aside>
  );
}

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
  const [werkruimte, setWerkruimte] = useState<Werkruimte>(null);
  // The page of a one-time link to set a password, and what it tells the sign-in form after.
  const [linkPage, setLinkPage] = useState(() => window.location.pathname === LINK_PAD);
  const [afterLink, setAfterLink] = useState<{ email: string; notice: string } | null>(null);
  if (linkPage) {
    return (
      <div className="app">
        <TopBar me={null} />
        <SetPasswordScreen onDone={(email, notice) => {
          window.history.replaceState(null, '', '/');
          setAfterLink(email && notice ? { email, notice } : null);
          setLinkPage(false);
        }} />
      </div>
    );
  }
  // Signed in only once the second factor, where needed, is given.
  const signedIn = me.data?.stap === 'volledig' ? me.data : null;
  return (
    <div className="app">
      <TopBar me={signedIn} werkruimte={werkruimte} onWerkruimte={setWerkruimte} />
      {signedIn ? (
        <MapScreen me={signedIn} werkruimte={werkruimte} onClose={() => setWerkruimte(null)} />
      ) : me.data !== undefined ? (
        <LoginScreen key={me.data?.stap ?? 'uit'} me={me.data} email={afterLink?.email} notice={afterLink?.notice} />
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

function MapScreen({ me, werkruimte, onClose }: { me: Me; werkruimte: Werkruimte; onClose: () => void }) {
  const [visibility, setVisibility] = useState(INITIAL_VISIBILITY);
  const [selected, setSelected] = useState<FeatureRef | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const canEdit = mayEdit(me);
  const editor = useEditor(map, { preload: canEdit });
  const { state: { session }, dispatch } = editor;
  // The selected record (the side panel asks for the same, so this is no extra request).
  const selectedFeature = useFeature(selected?.layer ?? 'kavels', selected?.id).data;

  const toggle = useCallback((layer: LayerName, visible: boolean) => {
    setVisibility((v) => ({ ...v, [layer]: visible }));
    // A hidden layer cannot stay selected.
    setSelected((s) => (s && s.layer === layer && !visible ? null : s));
  }, []);
  const close = useCallback(() => {
    setSelected(null);
    dispatch({ type: 'milieuruimte', milieuruimte: null });
  }, [dispatch]);

  // Map clicks: while merging they pick the neighbour; during other edits they
  // belong to terra-draw, not to selection.
  const onMapSelect = useCallback((ref: FeatureRef | null) => {
    // A form is choosing records on the map: the click is its own.
    if (kiesmodusActief()) return;
    if (session?.kind === 'samenvoegen') {
      if (ref) dispatch({ type: 'mergeTarget', layer: ref.layer, id: ref.id });
      return;
    }
    if (session) return;
    dispatch({ type: 'milieuruimte', milieuruimte: null });
    setSelected(ref);
  }, [session, dispatch]);

  const onSaved = useCallback((ref: FeatureRef | null) => setSelected(ref), []);

  const editable = selected && isEditableLayer(selected.layer) && selectedFeature && selectedFeature.id === selected.id ? { layer: selected.layer, feature: selectedFeature } : null;
  const canEditSelected = !!editable && 'gemeente_id' in editable.feature.properties
    && mayDo(me, 'bewerken', editable.layer, editable.feature.properties.gemeente_id)
    && !('status' in editable.feature.properties && editable.feature.properties.status === VERVALLEN);
  const editSelected = (verwijderen = false) => {
    if (editable) editor.start({ kind: 'bewerken', layer: editable.layer, feature: editable.feature, verwijderen });
  };

  const [presentatie, setPresentatie] = useState<number | null>(null);
  const stopPresentatie = useCallback(() => setPresentatie(null), []);
  const panelOpen = !werkruimte && (!!session || !!selected);
  return (
    <main className={panelOpen ? 'app-main has-feature-panel' : 'app-main'}>
      <MapView visibility={visibility} selected={selected} onSelect={onMapSelect} onMap={setMap} />
      <LayerPanel visibility={visibility} onToggle={toggle} />
      {canEdit && map && <EditorToolbar me={me} editor={editor} canEditSelected={canEditSelected} onEditSelected={() => editSelected()} onDeleteSelected={() => editSelected(true)} />}
      <Suspense fallback={<PanelLoading />}>
      {presentatie !== null && <Presentatie id={presentatie} map={map} onExit={stopPresentatie} />}
      {werkruimte === 'beheer' ? (
        <AccountsBeheer me={me} onClose={onClose} />
      ) : werkruimte === 'account' ? (
        <MijnAccount me={me} onClose={onClose} />
      ) : werkruimte === 'monitor' ? (
        <MonitorPanel map={map} onClose={onClose} />
      ) : werkruimte === 'vergaderingen' ? (
        <VergaderingenPanel me={me} map={map} onClose={onClose} onPresent={setPresentatie} />
      ) : werkruimte === 'ruimtevragen' ? (
        <MatchingPanel me={me} map={map} onClose={onClose} />
      ) : werkruimte === 'uitwisseling' ? (
        <ExchangePanel me={me} map={map} onClose={onClose} />
      ) : session ? (
        <EditPanel key={`${session.kind}-${session.layer}-${'id' in session ? session.id : 'nieuw'}`} editor={editor} session={session} onSaved={onSaved} />
      ) : (
        selected && (
          <FeaturePanel key={`${selected.layer}-${selected.id}`} selected={selected} onClose={close}>
            {isEditableLayer(selected.layer) && (
              <FeatureEditActions me={me} editor={editor} layer={selected.layer} id={selected.id} milieuruimte={editor.state.milieuruimte} />
            )}
          </FeaturePanel>
        )
      )}
      </Suspense>
    </main>
  );
}
