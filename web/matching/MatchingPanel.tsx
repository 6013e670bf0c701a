// The regisseur's workspace (issue #6): the ruimtevragen register, one request
// with its explainable candidates and matches, the regional optimum with its
// relocation chains, all matches, and the scheefwerken signal. The panel owns
// the map overlay; each view says what the map should show.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { loadByIds } from '../api/hooks.ts';
import type { Me } from '../api/session.ts';
import { tm } from '../i18n/nl-matching.ts';
import { MatchesView } from './MatchesView.tsx';
import { MatchingOverlay, overlayKavelIds, type OverlaySpec } from './overlay.ts';
import { RegioView } from './RegioView.tsx';
import { RegisterView } from './RegisterView.tsx';
import { ScheefwerkenView } from './ScheefwerkenView.tsx';
import { VraagDetail } from './VraagDetail.tsx';
import { mag, type Route } from '../api/mag.ts';
import './matching.css';
import { PanelHeader } from '../app/PanelHeader.tsx';

type Tab = 'register' | 'matches' | 'regio' | 'scheefwerken';

export type ShowOnMap = (spec: OverlaySpec | null, fit?: boolean) => void;

/** The tabs, each shown when the user may call the route behind it. */
const TABS: [Tab, Route][] = [
  ['register', 'GET /api/ruimtevragen'], ['matches', 'GET /api/matches'], ['regio', 'POST /api/matching/regio'],
  ['scheefwerken', 'GET /api/signalen/scheefwerken'],
];

export function MatchingPanel({ me, map, onClose }: { me: Me; map: MapLibreMap | null; onClose: () => void }) {
  const [tab, setTab] = useState<Tab>('register');
  const [vraagId, setVraagId] = useState<number | null>(null);
  const overlay = useMemo(() => (map ? new MatchingOverlay(map) : null), [map]);
  useEffect(() => () => overlay?.clear(), [overlay]);

  // The overlay draws the kavels it names, fetched by id (never the whole layer); only the newest request is drawn.
  const client = useQueryClient();
  const latest = useRef(0);
  const show: ShowOnMap = useCallback((spec, fit = false) => {
    if (!overlay) return;
    const mine = ++latest.current;
    if (!spec) {
      overlay.clear();
      return;
    }
    loadByIds(client, 'kavels', overlayKavelIds(spec)).then(
      (kavels) => {
        if (mine === latest.current) overlay.show(spec, new Map(kavels.features.map((f) => [f.id, f.geometry])), fit);
      },
      (err: unknown) => console.warn('[kaart] kavels voor de matching niet opgehaald', err),
    );
  }, [overlay, client]);

  const open = (id: number) => {
    setVraagId(id);
  };
  const switchTab = (t: Tab) => {
    setTab(t);
    setVraagId(null);
    show(null);
  };
  const tabs = TABS.filter(([, route]) => mag(me, route)).map(([t]) => t);

  return (
    <aside className="matching-panel" data-map-panel data-testid="matching" aria-label={tm.titel}>
      <PanelHeader kicker={tm.kicker} titel={tm.titel} sluiten={tm.sluiten} onClose={onClose} />
      <nav className="matching-tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t && vraagId === null}
            className={tab === t ? 'matching-tab active' : 'matching-tab'} onClick={() => switchTab(t)}>
            {tm.tabs[t]}
          </button>
        ))}
      </nav>
      <div className="matching-body">
        {vraagId !== null ? (
          <VraagDetail key={vraagId} id={vraagId} me={me} show={show} onBack={() => { setVraagId(null); show(null); }} />
        ) : tab === 'register' ? (
          <RegisterView me={me} onOpen={open} />
        ) : tab === 'matches' ? (
          <MatchesView onOpen={open} show={show} />
        ) : tab === 'regio' ? (
          <RegioView show={show} onOpen={open} onMatches={() => switchTab('matches')} />
        ) : (
          <ScheefwerkenView show={show} onOpen={open} />
        )}
      </div>
    </aside>
  );
}
