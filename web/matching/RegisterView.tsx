// The register: every ruimtevraag with filters, a form for a new one and the
// CSV import (regie only). The werkgroep sees the same list anonymised.
import { aantal } from '../i18n/format.ts';
import { useState } from 'react';
import { useLayer, useMilieucategorieen } from '../api/hooks.ts';
import type { Me } from '../api/session.ts';
import { REDENEN, VRAAG_STATUS } from '../../server/domain/matching-codes.ts';
import { fmt, tm } from '../i18n/nl-matching.ts';
import { useRegister, type RegisterFilter, type Ruimtevraag } from './api.ts';
import { CsvImport } from './CsvImport.tsx';
import { mag } from '../api/mag.ts';
import { Keuzelijst } from '../app/Keuzelijst.tsx';
import { VraagForm } from './VraagForm.tsx';

export const vraagNaam = (v: Pick<Ruimtevraag, 'id' | 'bedrijf_naam' | 'label'>) => v.bedrijf_naam ?? v.label ?? `Ruimtevraag ${v.id}`;

export function RegisterView({ me, onOpen }: { me: Me; onOpen: (id: number) => void }) {
  const [filter, setFilter] = useState<RegisterFilter>({});
  const [mode, setMode] = useState<'lijst' | 'nieuw' | 'import'>('lijst');
  const list = useRegister(filter);
  const gemeenten = useLayer('gemeenten');
  const categorieen = useMilieucategorieen();
  const set = (k: keyof RegisterFilter, v: string) => setFilter((f) => ({ ...f, [k]: v || undefined }));

  if (mode === 'nieuw') return <VraagForm onDone={(id) => { setMode('lijst'); if (id) onOpen(id); }} />;
  if (mode === 'import') return <CsvImport onDone={() => setMode('lijst')} />;

  const rows = list.data ?? [];
  // The server decides what each role sees: an anonymised request carries a label instead of its company.
  const anoniem = rows.some((r) => r.label !== undefined);
  const nieuw = mag(me, 'POST /api/ruimtevragen');
  const importeren = mag(me, 'POST /api/ruimtevragen/import');
  const open = rows.filter((r) => r.status === 'open' || r.status === 'in_behandeling');
  return (
    <div data-testid="register">
      {anoniem && <p className="monitor-note">{tm.anoniemUitleg}</p>}
      <div className="matching-filters">
        <Keuzelijst label="Status" value={filter.status ?? ''} options={['', ...VRAAG_STATUS]} naam={(s) => (s ? tm.vraagStatus[s] : 'Alle')}
          onChange={(s) => set('status', s)} />
        <label>Gewenste gemeente
          <select value={filter.gemeente ?? ''} onChange={(e) => set('gemeente', e.target.value)}>
            <option value="">Alle</option>
            {gemeenten.data?.features.map((g) => <option key={g.id} value={String(g.id)}>{g.properties.naam}</option>)}
          </select>
        </label>
        <label>Milieucategorie
          <select value={filter.milieucategorie ?? ''} onChange={(e) => set('milieucategorie', e.target.value)}>
            <option value="">Alle</option>
            {categorieen.data?.map((c) => <option key={c.code} value={c.code}>{c.code}</option>)}
          </select>
        </label>
        <Keuzelijst label="Reden" value={filter.reden ?? ''} options={['', ...REDENEN]} naam={(r) => (r ? tm.reden[r] : 'Alle')}
          onChange={(r) => set('reden', r)} />
      </div>
      <div className="section-head matching-summary">
        <span>{aantal(rows.length, 'ruimtevraag', 'ruimtevragen')} · {open.length} open of in behandeling · gevraagd {fmt.bereik(sum(open, 'min_ha'), sum(open, 'max_ha'))}</span>
        {(nieuw || importeren) && (
          <span className="matching-actions">
            {nieuw && <button type="button" className="primary-button small" onClick={() => setMode('nieuw')}>Nieuwe ruimtevraag</button>}
            {importeren && <button type="button" className="secondary-button small" onClick={() => setMode('import')}>CSV importeren</button>}
          </span>
        )}
      </div>
      {list.isPending && <p className="monitor-status">Laden…</p>}
      {list.error && <p className="monitor-status" role="alert">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="monitor-note">{tm.geenVragen}</p>}
      {rows.length > 0 && (
        <table className="monitor-table register-table">
          <thead>
            <tr><th>{anoniem ? 'Vraag' : 'Bedrijf'}</th><th>Hectare</th><th>Cat.</th><th>Reden</th><th>Status</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} onClick={() => onOpen(r.id)} data-vraag={r.id} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen(r.id)}>
                <td>
                  <span className="register-naam">{vraagNaam(r)}</span>
                  {r.voorrang && <span className="badge badge--voorrang" title="Voorrang: telt zwaarder in het regionale optimum">voorrang</span>}
                  {r.sector && <span className="register-sub">{r.sector}{r.gewenste_gemeenten.length ? ` · ${r.gewenste_gemeenten.join(', ')}` : ''}</span>}
                </td>
                <td className="num">{fmt.bereik(r.min_ha, r.max_ha)}</td>
                <td>{r.milieucategorie}{r.watergebonden ? ' · water' : ''}</td>
                <td>{tm.reden[r.reden]}</td>
                <td><span className={`status-pill status-pill--${r.status}`}>{tm.vraagStatus[r.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const sum = (rows: Ruimtevraag[], k: 'min_ha' | 'max_ha') => rows.reduce((s, r) => s + r[k], 0);
