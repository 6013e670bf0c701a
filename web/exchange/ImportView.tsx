// One screen for an import: upload → layer and CRS → target layer and source → field
// mapping with a preview of the values (remembered per source) → check, with the
// features on the map and a downloadable report → dry run → import (all or nothing).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { queryKeys } from '../api/hooks.ts';
import { DOELEN, GEDATEERDE_DOELEN } from '../../server/domain/exchange-codes.ts';
import { today } from '../../server/domain/dates.ts';
import { Keuzelijst } from '../app/Keuzelijst.tsx';
import { importApi, uploadBestand, type BronLaag, type ControleVerzoek, type Doel, type Doelveld, type ImportSessie, type Rapport, type Veldkoppeling } from './api.ts';
import { toonImport, wisImport, OORDEEL_KLEUR } from './overlay.ts';
import { tx } from './nl.ts';

const MAX_MB = 100;
const CRS_KEUZE = [
  { epsg: 28992, naam: 'RD New (EPSG:28992)' }, { epsg: 4326, naam: 'WGS 84 (EPSG:4326)' }, { epsg: 4258, naam: 'ETRS89 (EPSG:4258)' },
  { epsg: 3857, naam: 'Web Mercator (EPSG:3857)' }, { epsg: 25831, naam: 'UTM 31N (EPSG:25831)' },
];

const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '');

/** A first guess of the mapping: same or similar names. */
function raadKoppeling(velden: Doelveld[], bron: BronLaag): Record<string, Veldkoppeling> {
  const vrij = new Set(bron.velden.map((v) => v.naam));
  const uit: Record<string, Veldkoppeling> = {};
  const volgorde = [...velden].sort((a, b) => Number(b.verplicht) - Number(a.verplicht));
  for (const d of volgorde) {
    let beste: string | null = null;
    let score = 0;
    for (const v of vrij) {
      const a = norm(d.naam); const b = norm(v); const l = norm(d.label);
      const s = a === b || l === b ? 3 : b.length >= 4 && (a.startsWith(b) || b.startsWith(a) || l.startsWith(b)) ? 2 : a.slice(0, 8) === b.slice(0, 8) ? 1 : 0;
      if (s > score) { score = s; beste = v; }
    }
    if (beste) { uit[d.naam] = { veld: beste }; vrij.delete(beste); }
  }
  return uit;
}

const raadIdVeld = (bron: BronLaag) =>
  bron.velden.find((v) => /(^|_)(id|nr|nummer|code)$|^id|id$/i.test(v.naam) && !/^fid$/i.test(v.naam))?.naam ?? null;

const grootte = (bytes: number) => (bytes < 1024 * 1024
  ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('nl-NL')} kB`
  : `${(bytes / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`);
const ha = (n: number | null) => (n === null ? '–' : `${n.toLocaleString('nl-NL', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} ha`);

/** One numbered step of the import: its number and title above what it asks. */
function Stap({ nr, titel, testId, ref, children }: { nr: number; titel: string; testId?: string; ref?: Ref<HTMLElement>; children: ReactNode }) {
  return (
    <section className="exchange-step" data-testid={testId} ref={ref}>
      <h3><span className="step-nr">{nr}</span>{titel}</h3>
      {children}
    </section>
  );
}

export function ImportView({ map }: { map: MapLibreMap | null }) {
  const queryClient = useQueryClient();
  const [sessie, setSessie] = useState<ImportSessie | null>(null);
  const [upload, setUpload] = useState<{ naam: string; fractie: number } | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  const [keuze, setKeuze] = useState<{ bestand: string; laag: string } | null>(null);
  const [doel, setDoel] = useState<Doel>('kavels');
  const [bron, setBron] = useState('');
  const [bronIdVeld, setBronIdVeld] = useState<string | null>(null);
  const [epsg, setEpsg] = useState<number | null>(null);
  const [velden, setVelden] = useState<Record<string, Veldkoppeling>>({});
  // The target layers and their fields, in the server's order.
  const [doelen, setDoelen] = useState<Doel[]>([]);
  const [doelvelden, setDoelvelden] = useState<Record<string, Doelveld[]>>({});
  const [onthouden, setOnthouden] = useState(false);
  const [rapport, setRapport] = useState<Rapport | null>(null);
  const [verwijder, setVerwijder] = useState<Set<number>>(new Set());
  // The date the delivery's changes take effect; empty: today.
  const [ingangsdatum, setIngangsdatum] = useState('');
  const [alleenProblemen, setAlleenProblemen] = useState(true);
  const bestandRef = useRef<HTMLInputElement>(null);
  const rapportRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void importApi.doelvelden().then((l) => {
      setDoelen(l.map((d) => d.doel));
      setDoelvelden(Object.fromEntries(l.map((d) => [d.doel, d.velden])));
    }).catch((e: Error) => setFout(e.message));
  }, []);
  useEffect(() => () => { if (map) wisImport(map); }, [map]);

  const laag = useMemo(() => sessie?.bronnen.find((b) => b.bestand === keuze?.bestand)?.lagen.find((l) => l.naam === keuze?.laag) ?? null, [sessie, keuze]);
  const taak = sessie?.taak ?? null;
  const bezig = taak?.status === 'bezig';

  // Poll the running step; when a check is done, fetch its report and show the features.
  useEffect(() => {
    if (!sessie || !bezig) return;
    const t = setTimeout(() => { void importApi.sessie(sessie.id).then(setSessie).catch((e: Error) => setFout(e.message)); }, 400);
    return () => clearTimeout(t);
  }, [sessie, bezig]);
  useEffect(() => {
    if (!sessie || taak?.soort !== 'controle' || taak.status !== 'klaar' || rapport) return;
    void importApi.rapport(sessie.id).then((r) => {
      setRapport(r);
      setTimeout(() => rapportRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    });
    if (map) void importApi.kaart(sessie.id).then((k) => toonImport(map, k));
  }, [sessie, taak, rapport, map]);
  useEffect(() => {
    if (taak?.soort === 'uitvoeren' && taak.status === 'klaar') {
      for (const l of DOELEN) void queryClient.invalidateQueries({ queryKey: queryKeys.layer(l) });
      if (map) wisImport(map);
    }
  }, [taak, queryClient, map]);

  const kiesLaag = useCallback((s: ImportSessie, bestand: string, naam: string, d: Doel = doel) => {
    const l = s.bronnen.find((b) => b.bestand === bestand)?.lagen.find((x) => x.naam === naam);
    if (!l) return;
    setKeuze({ bestand, laag: naam });
    setEpsg(l.crs_oordeel.ok ? null : l.crs_oordeel.voorstel_epsg ?? null);
    setBron(`${s.bestandsnaam.replace(/\.[^.]+$/, '')} – ${naam}`);
    setBronIdVeld(raadIdVeld(l));
    setVelden(raadKoppeling(doelvelden[d] ?? [], l));
    setOnthouden(false);
  }, [doel, doelvelden]);

  const kiesBestand = async (file: File | undefined) => {
    setFout(null);
    if (!file) return;
    if (file.size > MAX_MB * 1024 * 1024) { setFout(tx.import.teGroot(file.name)); return; }
    if (sessie) { void importApi.weg(sessie.id).catch(() => undefined); if (map) wisImport(map); }
    setSessie(null); setRapport(null); setKeuze(null);
    setUpload({ naam: file.name, fractie: 0 });
    try {
      const s = await uploadBestand(file, (fractie) => setUpload({ naam: file.name, fractie }));
      setSessie(s);
      const eerste = s.bronnen.flatMap((b) => b.lagen.map((l) => ({ b, l }))).find(({ l }) => l.geometrietype && l.geometrietype !== 'None');
      // A file with a kavels layer most likely holds kavels.
      const gok = doelen.find((d) => eerste && norm(eerste.l.naam).includes(norm(d).slice(0, 5))) ?? doel;
      setDoel(gok);
      if (eerste) kiesLaag(s, eerste.b.bestand, eerste.l.naam, gok);
    } catch (e) {
      setFout((e as Error).message);
    } finally {
      setUpload(null);
      if (bestandRef.current) bestandRef.current.value = '';
    }
  };

  // The remembered mapping of this source, when there is one.
  useEffect(() => {
    if (!laag || !bron.trim()) return;
    const t = setTimeout(() => {
      void importApi.koppeling(doel, bron.trim()).then(({ koppeling }) => {
        if (!koppeling) return;
        const namen = new Set(laag.velden.map((v) => v.naam));
        setVelden(Object.fromEntries(Object.entries(koppeling.velden).filter(([, k]) => !('veld' in k) || namen.has(k.veld))));
        if (koppeling.bron_id_veld && namen.has(koppeling.bron_id_veld)) setBronIdVeld(koppeling.bron_id_veld);
        if (koppeling.epsg) setEpsg(koppeling.epsg);
        setOnthouden(true);
      }).catch(() => undefined);
    }, 300);
    return () => clearTimeout(t);
  }, [doel, bron, laag]);

  const velddefs = doelvelden[doel] ?? [];
  const ontbreektVerplicht = velddefs.filter((v) => v.verplicht && !velden[v.naam]);
  const verzoek: ControleVerzoek | null = keuze && laag ? { ...keuze, doel, bron: bron.trim(), bron_id_veld: bronIdVeld, epsg, velden } : null;
  const magControleren = !!verzoek && !bezig && bron.trim() !== '' && ontbreektVerplicht.length === 0 && (laag!.crs_oordeel.ok || epsg !== null) && !sessie?.resultaat;

  const start = async (fn: () => Promise<ImportSessie>) => {
    setFout(null);
    try { setSessie(await fn()); } catch (e) { setFout((e as Error).message); }
  };
  const controleer = () => verzoek && sessie && start(() => { setRapport(null); setVerwijder(new Set()); return importApi.controle(sessie.id, verzoek); });
  const gedateerd = !!rapport && GEDATEERDE_DOELEN.includes(rapport.doel);
  const schrijf = (stap: 'proefdraai' | 'uitvoeren') => sessie
    && start(() => importApi.schrijf(sessie.id, stap, [...verwijder], gedateerd && ingangsdatum ? ingangsdatum : undefined));
  const annuleer = () => sessie && start(() => importApi.annuleer(sessie.id));

  const zetVeld = (naam: string, k: Veldkoppeling | null) => setVelden((v) => {
    const n = { ...v };
    if (k) n[naam] = k; else delete n[naam];
    return n;
  });

  const objecten = rapport ? rapport.objecten.filter((o) => !alleenProblemen || o.problemen.length > 0) : [];
  const klaar = sessie?.resultaat;
  const controleKlaar = !!rapport && !!sessie?.samenvatting;

  return (
    <div className="exchange-import" data-testid="import-scherm">
      <Stap nr={1} titel={tx.import.stap.bestand}>
        <p className="monitor-note">{tx.import.uitlegBestand}</p>
        <label className="file-drop">
          <input ref={bestandRef} type="file" data-testid="import-bestand" accept=".gpkg,.zip,.geojson,.json,.fgb,.csv"
            onChange={(e) => void kiesBestand(e.target.files?.[0])} disabled={!!upload || bezig} />
          <span>{upload ? tx.import.uploaden(upload.naam, upload.fractie) : sessie ? tx.import.ander : tx.import.kies}</span>
        </label>
        {upload && <progress max={1} value={upload.fractie} className="exchange-progress" />}
        {sessie && <p className="exchange-file">{sessie.bestandsnaam} · {grootte(sessie.grootte)}</p>}
        {sessie?.bronnen.flatMap((b) => b.meldingen).map((m) => <p key={m} className="exchange-warning">{m}</p>)}
      </Stap>

      {sessie && (
        <Stap nr={2} titel={tx.import.stap.laag}>
          <div className="exchange-grid">
            <label>{tx.import.laag}
              <select data-testid="import-laag" value={keuze ? `${keuze.bestand}\u0000${keuze.laag}` : ''}
                onChange={(e) => { const [b, l] = e.target.value.split('\u0000'); kiesLaag(sessie, b, l); }} disabled={bezig}>
                {sessie.bronnen.flatMap((b) => b.lagen.map((l) => (
                  <option key={`${b.bestand}-${l.naam}`} value={`${b.bestand}\u0000${l.naam}`}>
                    {sessie.bronnen.length > 1 ? `${b.bestand} · ` : ''}{l.naam} ({l.aantal ?? '?'} · {l.geometrietype ?? 'geen geometrie'})
                  </option>
                )))}
              </select>
            </label>
            {laag && (
              <label>{tx.import.crs}
                <select data-testid="import-crs" value={epsg ?? ''} onChange={(e) => setEpsg(e.target.value ? Number(e.target.value) : null)} disabled={bezig}>
                  <option value="">{laag.crs ? tx.import.crsUitBestand(laag.crs.naam ?? '?', laag.crs.epsg) : tx.import.crsKies}</option>
                  {CRS_KEUZE.map((c) => <option key={c.epsg} value={c.epsg}>{c.naam}</option>)}
                </select>
              </label>
            )}
          </div>
          {laag && !laag.crs_oordeel.ok && (
            <p className={epsg ? 'exchange-note' : 'exchange-error'} role="alert">{laag.crs_oordeel.melding}{epsg ? ` ${tx.import.crsGekozen(epsg)}` : ''}</p>
          )}
        </Stap>
      )}

      {laag && (
        <Stap nr={3} titel={tx.import.stap.doel}>
          <div className="exchange-grid">
            <Keuzelijst label={tx.import.doel} value={doel} options={doelen} naam={(d) => tx.doel[d]} testId="import-doel" disabled={bezig}
              onChange={(d) => { setDoel(d); setVelden(raadKoppeling(doelvelden[d] ?? [], laag)); }} />
            <label>{tx.import.bron}
              <input data-testid="import-bron" value={bron} maxLength={100} onChange={(e) => setBron(e.target.value)} disabled={bezig} />
            </label>
            <label>{tx.import.bronId}
              <select data-testid="import-bron-id" value={bronIdVeld ?? ''} onChange={(e) => setBronIdVeld(e.target.value || null)} disabled={bezig}>
                <option value="">{tx.import.geenId}</option>
                {laag.velden.map((v) => <option key={v.naam} value={v.naam}>{v.naam}</option>)}
              </select>
            </label>
          </div>
          <p className="monitor-note">{tx.import.uitlegBron}</p>
        </Stap>
      )}

      {laag && (
        <Stap nr={4} titel={tx.import.stap.velden}>
          {onthouden && <p className="exchange-note" data-testid="import-onthouden">{tx.import.onthouden}</p>}
          <p className="monitor-note">{tx.import.uitlegLeeg}</p>
          <table className="monitor-table exchange-mapping" data-testid="import-koppeling">
            <thead><tr><th>{tx.import.onsVeld}</th><th>{tx.import.uitBestand}</th><th>{tx.import.voorbeeld}</th></tr></thead>
            <tbody>
              {velddefs.map((d) => {
                const k = velden[d.naam];
                const waarde = !k ? '' : 'veld' in k ? `veld:${k.veld}` : 'vast';
                const bronVeld = k && 'veld' in k ? laag.velden.find((v) => v.naam === k.veld) : undefined;
                return (
                  <tr key={d.naam}>
                    <td>{d.label}{d.verplicht && <span className="required" title={tx.import.verplicht}> *</span>}</td>
                    <td>
                      <select aria-label={d.label} data-testid={`koppel-${d.naam}`} value={waarde} disabled={bezig}
                        onChange={(e) => zetVeld(d.naam, !e.target.value ? null : e.target.value === 'vast' ? { vast: d.waarden?.[0] ?? (d.soort === 'ja_nee' ? false : '') } : { veld: e.target.value.slice(5) })}>
                        <option value="">{tx.import.nietVullen}</option>
                        {laag.velden.map((v) => <option key={v.naam} value={`veld:${v.naam}`}>{v.naam}</option>)}
                        <option value="vast">{tx.import.vasteWaarde}</option>
                      </select>
                      {k && 'vast' in k && (d.waarden ? (
                        <select aria-label={`${d.label}: vaste waarde`} value={String(k.vast)} onChange={(e) => zetVeld(d.naam, { vast: e.target.value })}>
                          {d.waarden.map((w) => <option key={w} value={w}>{w}</option>)}
                        </select>
                      ) : d.soort === 'ja_nee' ? (
                        <select aria-label={`${d.label}: vaste waarde`} value={String(k.vast)} onChange={(e) => zetVeld(d.naam, { vast: e.target.value === 'true' })}>
                          <option value="true">ja</option><option value="false">nee</option>
                        </select>
                      ) : (
                        <input aria-label={`${d.label}: vaste waarde`} value={String(k.vast ?? '')} onChange={(e) => zetVeld(d.naam, { vast: e.target.value })} />
                      ))}
                    </td>
                    <td className="exchange-preview">{bronVeld ? bronVeld.voorbeelden.slice(0, 3).join(' · ') || tx.import.leeg : k && 'vast' in k ? String(k.vast) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {ontbreektVerplicht.length > 0 && <p className="exchange-error">{tx.import.koppelVerplicht(ontbreektVerplicht.map((v) => v.label))}</p>}
          <div className="form-actions">
            <button type="button" className="primary-button" data-testid="import-controleer" disabled={!magControleren} onClick={() => void controleer()}>
              {tx.import.controleer}
            </button>
          </div>
        </Stap>
      )}

      {fout && <p className="exchange-error" role="alert" data-testid="import-fout">{fout}</p>}

      {taak && (bezig || taak.status !== 'klaar') && (
        <section className="exchange-step" data-testid="import-taak">
          {bezig ? (
            <>
              <p className="exchange-status">{tx.taak[taak.soort]} · {tx.fase[taak.fase] ?? taak.fase}{taak.totaal ? ` · ${taak.gedaan.toLocaleString('nl-NL')} van ${taak.totaal.toLocaleString('nl-NL')}` : ''}</p>
              <progress className="exchange-progress" max={taak.totaal || 1} value={taak.totaal ? taak.gedaan : undefined} />
              <button type="button" className="secondary-button" onClick={() => void annuleer()} data-testid="import-annuleer">{tx.import.annuleer}</button>
            </>
          ) : taak.status === 'geannuleerd' ? (
            <p className="exchange-note">{tx.import.geannuleerd}</p>
          ) : (
            <p className="exchange-error" role="alert">{taak.fout?.message}</p>
          )}
        </section>
      )}

      {controleKlaar && rapport && (
        <Stap nr={5} titel={tx.import.stap.rapport} testId="import-rapport" ref={rapportRef}>
          <div className="exchange-chips">
            {(['nieuw', 'gewijzigd', 'ongewijzigd', 'fout'] as const).map((o) => (
              <span key={o} className="exchange-chip" data-testid={`aantal-${o}`} data-count={rapport.aantallen[o]}>
                <i style={{ background: OORDEEL_KLEUR[o] }} />{rapport.aantallen[o]} {tx.oordeel[o]}
              </span>
            ))}
            {rapport.aantallen.waarschuwingen > 0 && <span className="exchange-chip">{rapport.aantallen.waarschuwingen} {tx.import.metWaarschuwing}</span>}
          </div>
          <p className="monitor-note">{tx.import.opKaart}</p>
          <div className="section-head">
            <label className="exchange-check"><input type="checkbox" checked={alleenProblemen} onChange={(e) => setAlleenProblemen(e.target.checked)} /> {tx.import.alleenProblemen}</label>
            <a className="link-button" href={importApi.rapportCsv(sessie!.id)} download data-testid="import-rapport-csv">{tx.import.rapportCsv}</a>
          </div>
          {objecten.length > 0 ? (
            <table className="monitor-table exchange-report">
              <thead><tr><th>#</th><th>{tx.import.object}</th><th>{tx.import.oordeel}</th><th>{tx.import.bevinding}</th></tr></thead>
              <tbody>
                {objecten.slice(0, 300).map((o) => (
                  <tr key={o.volgnr} className={`oordeel-${o.oordeel}`} onClick={() => {
                    const p = o.problemen.find((x) => x.locatie)?.locatie;
                    if (p && map) map.flyTo({ center: [p[0], p[1]], zoom: Math.max(map.getZoom(), 16) });
                  }}>
                    <td>{o.volgnr}</td>
                    <td>{o.naam ?? o.bron_id ?? '–'}<span className="register-sub">{[o.bron_id, ha(o.ha)].filter(Boolean).join(' · ')}</span></td>
                    <td>{tx.oordeel[o.oordeel]}</td>
                    <td>{o.problemen.map((p, i) => <div key={i} className={p.ernst === 'fout' ? 'danger-text' : 'exchange-warning-text'}>{p.melding}</div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="monitor-note">{tx.import.geenProblemen}</p>}
          {rapport.ontbrekend.length > 0 && (
            <div className="exchange-missing" data-testid="import-ontbrekend">
              <h4>{tx.import.ontbrekendTitel(rapport.ontbrekend.length)}</h4>
              <p className="monitor-note">{tx.import.ontbrekendUitleg(rapport.doel)}</p>
              {rapport.ontbrekend.map((o) => (
                <label key={o.id} className="exchange-check">
                  <input type="checkbox" disabled={!o.mag_verwijderen || !!klaar} checked={verwijder.has(o.id)}
                    onChange={(e) => setVerwijder((s) => { const n = new Set(s); if (e.target.checked) n.add(o.id); else n.delete(o.id); return n; })} />
                  {tx.import.verwijderRecord(o.naam ?? o.bron_id, o.bron_id, o.gemeente)}{!o.mag_verwijderen && ` (${tx.import.nietJouwGemeente})`}
                </label>
              ))}
            </div>
          )}
          {!klaar && gedateerd && (
            <div className="exchange-grid exchange-ingangsdatum">
              <label>{tx.import.ingangsdatum}
                <input type="date" data-testid="import-ingangsdatum" value={ingangsdatum} max={today()} disabled={bezig}
                  onChange={(e) => setIngangsdatum(e.target.value)} />
              </label>
              <p className="monitor-note">{tx.import.ingangsdatumUitleg}</p>
            </div>
          )}
          {!klaar && (
            <div className="form-actions">
              <button type="button" className="secondary-button" data-testid="import-proefdraai" disabled={bezig || rapport.aantallen.fout > 0} onClick={() => void schrijf('proefdraai')}>{tx.import.proefdraai}</button>
              <button type="button" className="primary-button" data-testid="import-uitvoeren" disabled={bezig || rapport.aantallen.fout > 0} onClick={() => void schrijf('uitvoeren')}>{tx.import.uitvoeren}</button>
            </div>
          )}
          {rapport.aantallen.fout > 0 && <p className="exchange-error">{tx.import.eerstFouten(rapport.aantallen.fout)}</p>}
          {sessie?.proef && !klaar && <p className="exchange-note" data-testid="import-proef">{tx.import.proefResultaat(sessie.proef, rapport.doel)}</p>}
          {klaar && <p className="exchange-success" role="status" data-testid="import-klaar">{tx.import.klaar(klaar, rapport.doel)}</p>}
        </Stap>
      )}
    </div>
  );
}
