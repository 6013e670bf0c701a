// The exchange workspace: import a municipality's GIS files (editors), export layers
// and the monitor's tables, and QGIS access with personal tokens.
import { useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Me } from '../api/session.ts';
import { mayEdit } from '../editor/permissions.ts';
import { ImportView } from './ImportView.tsx';
import { ExportView } from './ExportView.tsx';
import { TokensView } from './TokensView.tsx';
import { tx } from './nl.ts';
import './exchange.css';
import { PanelHeader } from '../app/PanelHeader.tsx';

type Tab = 'importeren' | 'exporteren' | 'qgis';

export function ExchangePanel({ me, map, onClose }: { me: Me; map: MapLibreMap | null; onClose: () => void }) {
  const tabs: Tab[] = mayEdit(me) ? ['importeren', 'exporteren', 'qgis'] : ['exporteren', 'qgis'];
  const [tab, setTab] = useState<Tab>(tabs[0]);
  return (
    <aside className="matching-panel exchange-panel" data-map-panel data-testid="uitwisseling" aria-label={tx.titel}>
      <PanelHeader kicker={tx.kicker} titel={tx.titel} sluiten={tx.sluiten} onClose={onClose} />
      <nav className="matching-tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`uitwisseling-tab-${t}`}
            className={tab === t ? 'matching-tab active' : 'matching-tab'} onClick={() => setTab(t)}>{tx.tabs[t]}</button>
        ))}
      </nav>
      <div className="matching-body">
        {/* The import keeps its state while the user looks at another tab. */}
        {mayEdit(me) && <div hidden={tab !== 'importeren'}><ImportView map={map} /></div>}
        {tab === 'exporteren' && <ExportView map={map} />}
        {tab === 'qgis' && <TokensView />}
      </div>
    </aside>
  );
}
