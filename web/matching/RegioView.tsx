// The regional optimum: all open requests at once (HiGHS), against the greedy
// baseline, with relocation chains drawn and numbered on the map, the requests
// that stay unassigned with their reason, and one click to turn the outcome into
// proposed matches.
import { aantal, formatMoment } from '../i18n/format.ts';
import { useEffect, useMemo, useState } from 'react';
import { fmt, solverUitkomst, tm } from '../i18n/nl-matching.ts';
import { useInstellingen, useRegio, useRegister, useSaveInstellingen, useVoorstellen } from './api.ts';
import type { ShowOnMap } from './MatchingPanel.tsx';
import type { OverlaySpec } from './overlay.ts';
import { OverlayLegenda } from './OverlayLegenda.tsx';
import { vraagNaam } from './RegisterView.tsx';
import type { RegioAntwoord, RegioKeten } from './api.ts';

const CRITERIUM_LABEL: Record<string, string> = {
  omvang: 'Omvang', planstatus: 'Hard boven zacht', timing: 'Op tijd beschikbaar', gemeente: 'Gewenste gemeente',
  afstand: 'Afstand', arbeidsplaatsen: 'Arbeidsplaatsen per ha', milieuruimte: 'Milieucategorie passend',
};

export function RegioView({ show, onOpen, onMatches }: { show: ShowOnMap; onOpen: (vraagId: number) => void; onMatches: () => void }) {
  const instellingen = useInstellingen(true);
  const register = useRegister({});
  const regio = useRegio();
  const voorstellen = useVoorstellen();
  const bewaar = useSaveInstellingen();
  const [overrides, setOverrides] = useState<Record<string, number>>({});
  const [keten, setKeten] = useState<number | null>(null);

  const waarden = useMemo(() => Object.fromEntries((instellingen.data ?? []).map((i) => [i.sleutel, Number(i.waarde)])), [instellingen.data]);
  const instelbaar = (instellingen.data ?? []).filter((i) => i.sleutel.startsWith('gewicht_') || i.sleutel === 'voorrang_factor');
  const body = overrides;
  const uitkomst = regio.data;
  const namen = useMemo(() => new Map((register.data ?? []).map((v) => [v.id, vraagNaam(v)])), [register.data]);
  const naam = (id: number) => namen.get(id) ?? `Ruimtevraag ${id}`;
  const huidig = useMemo(() => new Map((register.data ?? []).map((v) => [v.id, v.huidige_kavel_id ?? null])), [register.data]);

  const spec = useMemo(() => (uitkomst ? regioSpec(uitkomst, huidig, keten, (id) => namen.get(id) ?? `Ruimtevraag ${id}`) : null),
    [uitkomst, huidig, keten, namen]);
  useEffect(() => { show(spec, true); }, [spec, show]);

  const bereken = () => { setKeten(null); voorstellen.reset(); regio.mutate(body); };
  const s = uitkomst?.samenvatting;
  const inKeten = new Set(uitkomst?.optimaal.ketens.flatMap((k) => k.stappen.map((x) => x.vraag_id)) ?? []);
  const vast = uitkomst?.optimaal.vast ?? [];
  const los = uitkomst?.optimaal.toewijzingen.filter((t) => !inKeten.has(t.vraag_id)) ?? [];

  return (
    <div data-testid="regio">
      <p className="monitor-note">{tm.regioUitleg}</p>
      <details className="regio-instellingen">
        <summary>Gewichten en voorrang ({Object.keys(overrides).length ? 'aangepast' : 'standaard'})</summary>
        <div className="gewichten-pop inline">
          {instelbaar.map((i) => (
            <label key={i.sleutel} title={i.omschrijving ?? undefined}>
              <span>{i.sleutel === 'voorrang_factor' ? 'Voorrangsfactor' : CRITERIUM_LABEL[i.sleutel.slice(8)] ?? i.sleutel}</span>
              <input type="number" min={i.min ?? 0} max={i.max ?? 100} step={0.5} value={overrides[i.sleutel] ?? waarden[i.sleutel]}
                onChange={(e) => setOverrides((o) => ({ ...o, [i.sleutel]: Math.min(i.max ?? 100, Math.max(i.min ?? 0, Number(e.target.value) || 0)) }))} />
            </label>
          ))}
          <div className="matching-actions">
            <button type="button" className="link-button" disabled={!Object.keys(overrides).length} onClick={() => setOverrides({})}>Standaard</button>
            <button type="button" className="secondary-button small" disabled={!Object.keys(overrides).length || bewaar.isPending}
              onClick={() => bewaar.mutate(overrides, { onSuccess: () => setOverrides({}) })}>Opslaan als standaard</button>
            {bewaar.error && <span className="form-error" role="alert">{bewaar.error.message}</span>}
          </div>
        </div>
      </details>
      <div className="matching-actions">
        <button type="button" className="primary-button" onClick={bereken} disabled={regio.isPending} data-testid="regio-bereken">
          {regio.isPending ? 'Rekenen…' : tm.regioBereken}
        </button>
      </div>
      {regio.error && <p className="form-error" role="alert">{regio.error.message}</p>}
      {uitkomst && s && (
        <>
          <section className="kpis regio-kpis">
            <div className="kpi"><span className="kpi-label">Toegewezen</span><span className="kpi-value">{uitkomst.optimaal.toewijzingen.length} / {s.vragen - new Set(vast.map((f) => f.vraag_id)).size}</span></div>
            <div className="kpi"><span className="kpi-label">Verhuisketens</span><span className="kpi-value">{uitkomst.optimaal.ketens.length}</span></div>
            <div className="kpi" data-testid="regio-doelwaarde">
              <span className="kpi-label">Totaalscore optimaal (HiGHS)</span>
              <span className="kpi-value">{fmt.getal(s.doelwaarde_optimaal)}</span>
            </div>
            <div className="kpi">
              <span className="kpi-label">Gretig (vraag voor vraag)</span>
              <span className="kpi-value">{fmt.getal(s.doelwaarde_gretig)}</span>
            </div>
            {vast.length > 0 && (
              <div className="kpi" data-testid="regio-vast-aantal"><span className="kpi-label">Lopende matches (liggen vast)</span><span className="kpi-value">{vast.length}</span></div>
            )}
          </section>
          <p className="monitor-note">
            Het optimum is {s.verbetering_pct == null ? '—' : `${fmt.getal(s.verbetering_pct)} %`} beter dan gretig
            ({uitkomst.gretig.toewijzingen.length} toegewezen). Uitkomst {solverUitkomst(uitkomst.optimaal.status, uitkomst.optimaal.gap)}, rekentijd {Math.round(uitkomst.optimaal.rekentijd_ms)} ms,
            {' '}{aantal(s.opties, 'optie', 'opties')} over {aantal(s.kavels, 'kavel', 'kavels')}. Voorrang telt ×{fmt.getal(s.voorrang_factor)}. Bij gelijke score: {s.tie_break}
            {' '}Berekend {formatMoment(uitkomst.berekend_op)}, peildatum {fmt.datum(s.peildatum)}.
          </p>

          <OverlayLegenda items={['toewijzing', 'keten', ...(vast.length ? ['vast' as const] : [])]} />
          {vast.length > 0 && (
            <section className="monitor-section" data-testid="regio-vast">
              <h3>Lopende matches ({vast.length}) · liggen vast</h3>
              <p className="monitor-note">{tm.regioVastUitleg}</p>
              <table className="monitor-table regio-vast">
                <thead><tr><th>Match</th><th>Ruimtevraag</th><th>Kavel(s)</th><th>Status</th></tr></thead>
                <tbody>
                  {vast.map((f) => (
                    <tr key={f.match_id} onClick={() => onOpen(f.vraag_id)} data-match={f.match_id}>
                      <td>M{f.match_id}</td><td>{naam(f.vraag_id)}</td><td>{f.kavel_ids.join(' + ')}</td>
                      <td><span className={`status-pill status-pill--${f.status}`}>{tm.matchStatus[f.status]}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <section className="monitor-section">
            <div className="section-head">
              <h3>Verhuisketens</h3>
              {keten !== null && <button type="button" className="secondary-button small" onClick={() => setKeten(null)}>Alle tonen</button>}
            </div>
            {uitkomst.optimaal.ketens.length === 0 && <p className="monitor-note">Geen ketens: geen bedrijf maakt een kavel vrij voor een ander.</p>}
            <ol className="ketens">
              {uitkomst.optimaal.ketens.map((k, i) => (
                <li key={i} className={keten === i ? 'keten active' : 'keten'} data-testid="keten">
                  <button type="button" className="keten-kop" onClick={() => setKeten(keten === i ? null : i)}>
                    Keten {i + 1}{k.cyclus ? ' (ruil)' : ''} · {aantal(k.stappen.length, 'verhuizing', 'verhuizingen')}
                  </button>
                  <ol className="keten-stappen">
                    {k.stappen.map((st, j) => (
                      <li key={j}>
                        <span className="keten-nr">{i + 1}.{j + 1}</span>
                        <button type="button" className="link-button" onClick={() => onOpen(st.vraag_id)}>{naam(st.vraag_id)}</button>
                        {' '}→ kavel {st.naar_kavel_ids.join(' + ')}
                        {st.match_id !== undefined && <span className="vast-stap"> (lopende match M{st.match_id}, ligt vast)</span>}
                        {st.vrijgekomen_kavel_id !== null && <span className="register-sub">maakt kavel {st.vrijgekomen_kavel_id} vrij{j + 1 < k.stappen.length ? ` voor stap ${i + 1}.${j + 2}` : ''}</span>}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ol>
          </section>

          {los.length > 0 && (
            <section className="monitor-section">
              <h3>Overige toewijzingen</h3>
              <table className="monitor-table">
                <thead><tr><th>Ruimtevraag</th><th>Kavels</th><th className="num">Score</th></tr></thead>
                <tbody>
                  {los.map((t) => (
                    <tr key={t.vraag_id} onClick={() => onOpen(t.vraag_id)}>
                      <td>{naam(t.vraag_id)}</td><td>{t.kavel_ids.join(' + ')}</td><td className="num">{fmt.score(t.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          {uitkomst.optimaal.niet_toegewezen.length > 0 && (
            <section className="monitor-section" data-testid="niet-toegewezen">
              <h3>Niet toegewezen ({uitkomst.optimaal.niet_toegewezen.length})</h3>
              <ul className="niet-toegewezen">
                {uitkomst.optimaal.niet_toegewezen.map((n) => (
                  <li key={n.vraag_id}>
                    <button type="button" className="link-button" onClick={() => onOpen(n.vraag_id)}>{naam(n.vraag_id)}</button>
                    <span className="register-sub">{n.reden}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="monitor-section regio-voorstellen">
            <p className="monitor-note">{tm.regioVoorstellenUitleg}</p>
            <button type="button" className="primary-button" disabled={voorstellen.isPending || voorstellen.isSuccess}
              onClick={() => voorstellen.mutate(uitkomst.resultaat_id)} data-testid="regio-voorstellen">
              {voorstellen.isPending ? 'Matches maken…' : tm.regioVoorstellen}
            </button>
            {voorstellen.data && (
              <p role="status" className="ok-text">
                {aantal(voorstellen.data.matches.length, 'match', 'matches')} voorgesteld
                {voorstellen.data.overgeslagen.length ? `, ${voorstellen.data.overgeslagen.length} overgeslagen (al een lopende match)` : ''}.{' '}
                <button type="button" className="link-button" onClick={onMatches}>Naar de matches</button>
              </p>
            )}
            {voorstellen.error && (
              <p className="form-error" role="alert">
                {voorstellen.error.message}{' '}
                <button type="button" className="link-button" onClick={bereken}>Opnieuw berekenen</button>
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** Every assignment on the map; chain moves as purple arrows numbered chain.step, the rest dark. */
function regioSpec(r: RegioAntwoord, huidig: Map<number, number | null>, alleenKeten: number | null, naam: (id: number) => string): OverlaySpec {
  const spec: OverlaySpec = { kavels: [], pijlen: [], labels: [] };
  const ketens: [number, RegioKeten][] = r.optimaal.ketens.map((k, i) => [i, k]);
  const stapVan = new Map<number, string>();
  for (const [i, k] of ketens) k.stappen.forEach((s, j) => stapVan.set(s.vraag_id, `${i + 1}.${j + 1}`));
  const zichtbaar = alleenKeten === null ? null : new Set(r.optimaal.ketens[alleenKeten]?.stappen.map((s) => s.vraag_id));
  // Running matches: fixed in the model, drawn as matches (green) with the step number when they head a chain.
  for (const f of r.optimaal.vast) {
    if (zichtbaar && !zichtbaar.has(f.vraag_id)) continue;
    const nr = stapVan.get(f.vraag_id);
    for (const k of f.kavel_ids) spec.kavels.push({ kavel_id: k, rol: 'match' });
    spec.labels.push({ kavel_ids: f.kavel_ids, soort: nr ? 'keten' : 'match', tekst: nr ? `${nr} · M${f.match_id}` : `M${f.match_id} · vast`,
      titel: `${naam(f.vraag_id)} → kavel ${f.kavel_ids.join(' + ')} (lopende match ${f.match_id}, ligt vast)` });
    const van = huidig.get(f.vraag_id);
    if (van) spec.pijlen.push({ van, naar: f.kavel_ids, soort: nr ? 'keten' : 'match' });
  }
  for (const t of r.optimaal.toewijzingen) {
    if (zichtbaar && !zichtbaar.has(t.vraag_id)) continue;
    const nr = stapVan.get(t.vraag_id);
    for (const k of t.kavel_ids) spec.kavels.push({ kavel_id: k, rol: 'gekozen', score: t.score });
    spec.labels.push({ kavel_ids: t.kavel_ids, soort: nr ? 'keten' : 'gekozen', tekst: nr ?? fmt.score(t.score), titel: `${naam(t.vraag_id)} → kavel ${t.kavel_ids.join(' + ')} (score ${fmt.score(t.score)})` });
    const van = huidig.get(t.vraag_id);
    if (van) spec.pijlen.push({ van, naar: t.kavel_ids, soort: nr ? 'keten' : 'voorstel' });
  }
  return spec;
}
