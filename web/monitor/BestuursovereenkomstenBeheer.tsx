// Bestuursovereenkomsten as the werkgroep keeps them: partijen (two or more
// gemeenten with their rol), signing date, kostenposten per category and
// maatwerk. The contribution of the transforming gemeente (basis % over the
// eligible categories) is computed by the server (server/domain/bijdrage.ts) and
// shown as it answers; a werkgroep member may change agreements of its gemeente.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, sendJson } from '../api/client.ts';
import { useLayer } from '../api/hooks.ts';
import { useMe } from '../api/session.ts';
import { mayEdit } from '../editor/permissions.ts';
import { te } from '../i18n/nl-editor.ts';
import '../editor/editor-extra.css';

export interface Bestuursovereenkomst {
  id: number;
  naam: string;
  datum_ondertekening: string | null;
  basis_pct: number;
  provincie_betrokken: boolean;
  maatwerk_omschrijving: string | null;
  maatwerk_bedrag: number | null;
  version: number;
  partijen: { gemeente_id: number; gemeente: string; rol: string }[];
  kostenposten: { id: number; categorie: string; omschrijving: string | null; bedrag: number; datum: string | null; subsidiabel: boolean }[];
  bijdrage: { basis_pct: number; subsidiabel: number; bijdrage: number; maatwerk_bedrag: number; totaal: number };
}

const CATEGORIEEN = ['onderzoek', 'nota_van_uitgangspunten', 'locatiekeuze', 'programma_van_eisen', 'ontwerp_plan', 'realisatie', 'overig'];
const ROLLEN = ['transformerend', 'compenserend', 'overig'];
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const KEY = ['bestuursovereenkomsten'] as const;

export function BestuursovereenkomstenBeheer() {
  const me = useMe();
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getJson<Bestuursovereenkomst[]>('/api/bestuursovereenkomsten', signal) });
  const [open, setOpen] = useState<Bestuursovereenkomst | 'nieuw' | null>(null);
  const canEdit = mayEdit(me.data);
  const mayChange = (bo: Bestuursovereenkomst) =>
    !!me.data && (me.data.rol !== 'werkgroep' || bo.partijen.some((p) => p.gemeente_id === me.data!.gemeente_id));

  if (open) return <BoForm bo={open === 'nieuw' ? null : open} onDone={() => setOpen(null)} />;
  return (
    <section className="monitor-section" data-testid="bo-beheer">
      <div className="section-head">
        <h3>Bestuursovereenkomsten beheren</h3>
        {canEdit && <button type="button" className="ghost-button small" onClick={() => setOpen('nieuw')}>{te.bo.nieuw}</button>}
      </div>
      {list.error && <p className="form-error" role="alert">{list.error.message}</p>}
      <ul className="signaleringen">
        {list.data?.map((bo) => (
          <li key={bo.id} className="bo-item" data-bo={bo.id}>
            <div>
              <strong>{bo.naam}</strong>
              <div className="monitor-note">
                {bo.partijen.map((p) => `${p.gemeente} (${te.bo.rol[p.rol] ?? p.rol})`).join(' · ')}
                {' · '}{bo.datum_ondertekening ? `getekend ${bo.datum_ondertekening}` : 'nog niet getekend'}
              </div>
              <div className="monitor-note" data-testid="bo-bijdrage">
                {te.bo.bijdrage}: <strong>{euro.format(bo.bijdrage.bijdrage)}</strong> ({bo.bijdrage.basis_pct} % van {euro.format(bo.bijdrage.subsidiabel)})
                {bo.bijdrage.maatwerk_bedrag > 0 ? ` + maatwerk ${euro.format(bo.bijdrage.maatwerk_bedrag)}` : ''}
              </div>
            </div>
            {canEdit && mayChange(bo) && (
              <button type="button" className="ghost-button small" onClick={() => setOpen(bo)}>{te.bo.bewerken}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Partij { gemeente_id: string; rol: string }
interface Kost { categorie: string; omschrijving: string; bedrag: string }

const bedragUit = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

function BoForm({ bo, onDone }: { bo: Bestuursovereenkomst | null; onDone: () => void }) {
  const client = useQueryClient();
  const me = useMe();
  const gemeenten = useLayer('gemeenten');
  const [naam, setNaam] = useState(bo?.naam ?? '');
  const [datum, setDatum] = useState(bo?.datum_ondertekening?.slice(0, 10) ?? '');
  const [pct, setPct] = useState(String(bo?.basis_pct ?? 50));
  const [provincie, setProvincie] = useState(bo?.provincie_betrokken ?? false);
  const [partijen, setPartijen] = useState<Partij[]>(bo?.partijen.map((p) => ({ gemeente_id: String(p.gemeente_id), rol: p.rol }))
    ?? [{ gemeente_id: '', rol: 'transformerend' }, { gemeente_id: '', rol: 'compenserend' }]);
  const [kosten, setKosten] = useState<Kost[]>(bo?.kostenposten.map((k) => ({ categorie: k.categorie, omschrijving: k.omschrijving ?? '', bedrag: String(k.bedrag).replace('.', ',') })) ?? []);
  const [maatwerk, setMaatwerk] = useState(bo?.maatwerk_omschrijving ?? '');
  const [maatwerkBedrag, setMaatwerkBedrag] = useState(bo?.maatwerk_bedrag == null ? '' : String(bo.maatwerk_bedrag));

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => bo
      ? sendJson<Bestuursovereenkomst>('PATCH', `/api/bestuursovereenkomsten/${bo.id}`, { version: bo.version, ...body }, me.data?.csrfToken ?? '')
      : sendJson<Bestuursovereenkomst>('POST', '/api/bestuursovereenkomsten', body, me.data?.csrfToken ?? ''),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: ['balans'] })]);
      onDone();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      naam: naam.trim(),
      datum_ondertekening: datum || null,
      basis_pct: Number(pct.replace(',', '.')),
      provincie_betrokken: provincie,
      partijen: partijen.filter((p) => p.gemeente_id).map((p) => ({ gemeente_id: Number(p.gemeente_id), rol: p.rol })),
      kostenposten: kosten.map((k) => ({ categorie: k.categorie, omschrijving: k.omschrijving.trim() || null, bedrag: bedragUit(k.bedrag) })),
      maatwerk_omschrijving: maatwerk.trim() || null,
      maatwerk_bedrag: maatwerkBedrag.trim() ? bedragUit(maatwerkBedrag) : null,
    });
  };
  const setP = (i: number, p: Partial<Partij>) => setPartijen((l) => l.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setK = (i: number, k: Partial<Kost>) => setKosten((l) => l.map((x, j) => (j === i ? { ...x, ...k } : x)));
  const err = save.error instanceof ApiError ? save.error : null;
  const details = Array.isArray(err?.details) ? (err!.details as unknown as { pad?: string; melding?: string }[]) : [];

  return (
    <form className="bo-form monitor-section" onSubmit={submit} data-testid="bo-form">
      <h3>{bo ? te.bo.titelBewerken(bo.naam) : te.bo.titelNieuw}</h3>
      <label>{te.bo.naam}<input value={naam} onChange={(e) => setNaam(e.target.value)} required /></label>
      <div className="twee">
        <label>{te.bo.datum}<input type="date" value={datum} onChange={(e) => setDatum(e.target.value)} /></label>
        <label>{te.bo.basisPct}<input value={pct} inputMode="decimal" onChange={(e) => setPct(e.target.value)} /></label>
      </div>
      <label className="check"><input type="checkbox" checked={provincie} onChange={(e) => setProvincie(e.target.checked)} />{te.bo.provincie}</label>
      <fieldset>
        <legend>{te.bo.partijen}</legend>
        {partijen.map((p, i) => (
          <div className="rij" key={i} data-testid="bo-partij">
            <label>Gemeente
              <select value={p.gemeente_id} onChange={(e) => setP(i, { gemeente_id: e.target.value })}>
                <option value="">Kies…</option>
                {gemeenten.data?.features.map((g) => <option key={g.id} value={g.id}>{g.properties.naam}</option>)}
              </select>
            </label>
            <label>Rol
              <select value={p.rol} onChange={(e) => setP(i, { rol: e.target.value })}>
                {ROLLEN.map((r) => <option key={r} value={r}>{te.bo.rol[r]}</option>)}
              </select>
            </label>
            <button type="button" className="link-button" onClick={() => setPartijen((l) => l.filter((_, j) => j !== i))} disabled={partijen.length <= 2}>
              {te.bo.verwijder}
            </button>
          </div>
        ))}
        <button type="button" className="ghost-button small" onClick={() => setPartijen((l) => [...l, { gemeente_id: '', rol: 'overig' }])}>{te.bo.partijToevoegen}</button>
      </fieldset>
      <fieldset>
        <legend>{te.bo.kostenposten}</legend>
        {kosten.map((k, i) => (
          <div className="rij kost" key={i} data-testid="bo-kostenpost">
            <label>{te.bo.categorie}
              <select value={k.categorie} onChange={(e) => setK(i, { categorie: e.target.value })}>
                {CATEGORIEEN.map((c) => <option key={c} value={c}>{te.bo.categorieen[c]}</option>)}
              </select>
            </label>
            <label>{te.bo.omschrijving}<input value={k.omschrijving} onChange={(e) => setK(i, { omschrijving: e.target.value })} /></label>
            <label>{te.bo.bedrag}<input value={k.bedrag} inputMode="decimal" onChange={(e) => setK(i, { bedrag: e.target.value })} required /></label>
            <button type="button" className="link-button" onClick={() => setKosten((l) => l.filter((_, j) => j !== i))}>{te.bo.verwijder}</button>
          </div>
        ))}
        <button type="button" className="ghost-button small" onClick={() => setKosten((l) => [...l, { categorie: 'onderzoek', omschrijving: '', bedrag: '' }])}>
          {te.bo.kostenpostToevoegen}
        </button>
        <p className="monitor-note">{te.bo.bijdrageUitleg(Number(pct.replace(',', '.')) || 0)} Realisatie en overig tellen niet mee.</p>
      </fieldset>
      <fieldset>
        <legend>{te.bo.maatwerk}</legend>
        <label>{te.bo.maatwerkOmschrijving}<input value={maatwerk} onChange={(e) => setMaatwerk(e.target.value)} /></label>
        <label>{te.bo.maatwerkBedrag}<input value={maatwerkBedrag} inputMode="decimal" onChange={(e) => setMaatwerkBedrag(e.target.value)} /></label>
      </fieldset>
      {bo && (
        <p className="bo-bijdrage">
          {te.bo.bijdrage} (opgeslagen): <strong>{euro.format(bo.bijdrage.bijdrage)}</strong> — {bo.bijdrage.basis_pct} % van {euro.format(bo.bijdrage.subsidiabel)} subsidiabele kosten
        </p>
      )}
      {err && (
        <div className="form-error" role="alert">
          {err.message}
          {details.length > 1 && <ul>{details.map((d, i) => <li key={i}>{d.melding}</li>)}</ul>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={save.isPending}>{te.bo.opslaan}</button>
        <button type="button" className="secondary-button" onClick={onDone}>{te.bo.annuleren}</button>
      </div>
    </form>
  );
}
