// Bestuursovereenkomsten in the monitor: the balance's list at the peildatum, and
// for editors "Nieuwe bestuursovereenkomst" and "Bewerken", which open the form in
// this same section. A form holds partijen (two or more gemeenten with their rol),
// signing date, kostenposten per category and maatwerk. The contribution of the
// transforming gemeente (basis % over the eligible categories) is computed by the
// server (server/domain/bijdrage.ts) and shown as it answers. A werkgroep member
// may change agreements its gemeente is a party to (server/bestuursovereenkomsten/service.ts).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { call, http, type Schemas } from '../api/http.ts';
import { useLayer } from '../api/hooks.ts';
import { useMe } from '../api/session.ts';
import type { Me } from '../api/session.ts';
import { mag } from '../api/mag.ts';
import { te } from '../i18n/nl-editor.ts';
import { formatDateShort } from '../i18n/format.ts';
import { bedragIn, bedragUit } from './bedrag.ts';
import { downloadCsv } from './csv.ts';
import { KOSTEN_CATEGORIEEN, isSubsidiabel, type KostenCategorie } from '../../server/domain/bijdrage.ts';
import { PARTIJ_ROLLEN, type PartijRol } from '../../server/domain/layer-values.ts';
import '../editor/editor-extra.css';

type Bestuursovereenkomst = Schemas['Bestuursovereenkomst'];
type Rij = Schemas['BalansBestuursovereenkomst'];
type Ids = Schemas['BronIds'];
type BoInvoer = Schemas['BestuursovereenkomstNieuw'];

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
export const BO_KEY = ['bestuursovereenkomsten'] as const;

/** May this account change an agreement with these partijen (mirrors the server's rule)? */
const mayChange = (me: Me | null | undefined, partijen: { gemeente: string }[]) =>
  !!me && mag(me, 'PATCH /api/bestuursovereenkomsten/{id}') && (me.gemeente_id == null || partijen.some((p) => p.gemeente === me.gemeente));

export function BestuursovereenkomstenSectie({ rijen, actief, onRij }: {
  rijen: Rij[]; actief: string | null; onRij: (key: string, ids: Ids) => void;
}) {
  const me = useMe();
  const [open, setOpen] = useState<number | 'nieuw' | null>(null);
  const [melding, setMelding] = useState<string | null>(null);
  const canEdit = !!me.data && mag(me.data, 'POST /api/bestuursovereenkomsten');
  const csvHeader = ['Overeenkomst', 'Partijen', 'Getekend', 'Subsidiabel', 'Bijdrage', 'Maatwerk'];
  const csvRows = rijen.map((o) => [o.naam, o.partijen.map((p) => `${p.gemeente} (${p.rol})`).join('; '), o.datum_ondertekening ? formatDateShort(o.datum_ondertekening) : '', o.subsidiabel, o.bijdrage, o.maatwerk_bedrag ?? 0]);

  if (open != null) {
    return (
      <section className="monitor-section" data-testid="bo-beheer">
        {open === 'nieuw'
          ? <BoForm bo={null} me={me.data} onDone={(m) => { setOpen(null); setMelding(m); }} />
          : <BoLaden id={open} me={me.data} onDone={(m) => { setOpen(null); setMelding(m); }} />}
      </section>
    );
  }
  return (
    <section className="monitor-section" data-testid="bo-beheer">
      <div className="section-head">
        <h3>{te.bo.titel}</h3>
        <div className="bo-list-actions">
          {canEdit && (
            <button type="button" className="ghost-button small" onClick={() => { setMelding(null); setOpen('nieuw'); }}>{te.bo.nieuw}</button>
          )}
          <button type="button" className="ghost-button small" onClick={() => downloadCsv('bestuursovereenkomsten.csv', csvHeader, csvRows)}>CSV</button>
        </div>
      </div>
      {melding && <p className="bo-melding" role="status" data-testid="bo-melding">{melding}</p>}
      {rijen.length === 0 ? <p className="monitor-note">{te.bo.geen}</p> : (
        <table className="monitor-table bo-table">
          <thead>
            <tr><th>Overeenkomst</th><th>Getekend</th><th className="num">Subsidiabel</th><th className="num">Bijdrage</th><th className="num">Maatwerk</th></tr>
          </thead>
          <tbody>
            {rijen.map((o) => (
              <tr key={o.id} data-bo={o.id} className={actief === `bo-${o.id}` ? 'active' : undefined} onClick={() => onRij(`bo-${o.id}`, o.ids)}>
                <td>
                  {o.naam}
                  <div className="bo-partijen">{o.partijen.map((p) => `${p.gemeente} (${te.bo.rol[p.rol] ?? p.rol})`).join(' · ')}</div>
                  {canEdit && mayChange(me.data, o.partijen) && (
                    <button type="button" className="link-button bo-bewerken" onClick={(e) => { e.stopPropagation(); setMelding(null); setOpen(o.id); }}>
                      {te.bo.bewerken}
                    </button>
                  )}
                </td>
                <td className="nowrap">{formatDateShort(o.datum_ondertekening)}</td>
                <td className="num">{euro.format(o.subsidiabel)}</td>
                <td className="num" data-testid="bo-bijdrage">{euro.format(o.bijdrage)}</td>
                <td className="num">{euro.format(o.maatwerk_bedrag ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Edits start from the current version on the server, whatever the peildatum shows. */
function BoLaden({ id, me, onDone }: { id: number; me: Me | null | undefined; onDone: (melding: string | null) => void }) {
  const bo = useQuery({
    queryKey: [...BO_KEY, id],
    queryFn: ({ signal }) => call(http.GET('/api/bestuursovereenkomsten/{id}', { params: { path: { id } }, signal })),
    staleTime: 0,
  });
  if (bo.error) {
    return (
      <>
        <p className="form-error" role="alert">{bo.error.message}</p>
        <button type="button" className="secondary-button" onClick={() => onDone(null)}>{te.bo.annuleren}</button>
      </>
    );
  }
  if (!bo.data) return <p className="monitor-note">{te.bo.laden}</p>;
  return <BoForm bo={bo.data} me={me} onDone={onDone} />;
}

interface Partij { gemeente_id: string; rol: PartijRol }
interface Kost { categorie: KostenCategorie; omschrijving: string; bedrag: string }


function BoForm({ bo, me, onDone }: { bo: Bestuursovereenkomst | null; me: Me | null | undefined; onDone: (melding: string | null) => void }) {
  const client = useQueryClient();
  const gemeenten = useLayer('gemeenten');
  const [naam, setNaam] = useState(bo?.naam ?? '');
  const [datum, setDatum] = useState(bo?.datum_ondertekening?.slice(0, 10) ?? '');
  const [pct, setPct] = useState(bedragIn(bo?.basis_pct ?? 50));
  const [provincie, setProvincie] = useState(bo?.provincie_betrokken ?? false);
  // A werkgroep member's own gemeente must be a party: offered as the first one.
  const eigen = me?.rol === 'werkgroep' && me.gemeente_id != null ? String(me.gemeente_id) : '';
  const [partijen, setPartijen] = useState<Partij[]>(bo?.partijen.map((p) => ({ gemeente_id: String(p.gemeente_id), rol: p.rol }))
    ?? [{ gemeente_id: eigen, rol: 'transformerend' }, { gemeente_id: '', rol: 'compenserend' }]);
  const [kosten, setKosten] = useState<Kost[]>(bo?.kostenposten.map((k) => ({ categorie: k.categorie, omschrijving: k.omschrijving ?? '', bedrag: bedragIn(k.bedrag) })) ?? []);
  const [maatwerk, setMaatwerk] = useState(bo?.maatwerk_omschrijving ?? '');
  const [maatwerkBedrag, setMaatwerkBedrag] = useState(bo?.maatwerk_bedrag == null ? '' : bedragIn(bo.maatwerk_bedrag));
  const [armed, setArmed] = useState(false);
  // The form replaces the list further down the monitor: bring its top into view.
  const formRef = useRef<HTMLFormElement>(null);
  // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'start' });
  }, []);

  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: BO_KEY }), client.invalidateQueries({ queryKey: ['balans'] })]);
  const save = useMutation({
    mutationFn: (body: BoInvoer) => bo
      ? call(http.PATCH('/api/bestuursovereenkomsten/{id}', { params: { path: { id: bo.id } }, body: { version: bo.version, ...body } }))
      : call(http.POST('/api/bestuursovereenkomsten', { body })),
    onSuccess: async (saved) => {
      await refresh();
      const b = saved.bijdrage;
      onDone(te.bo.opgeslagen(saved.naam, euro.format(b.bijdrage), b.basis_pct, euro.format(b.subsidiabel)));
    },
  });
  const remove = useMutation({
    mutationFn: () => call(http.DELETE('/api/bestuursovereenkomsten/{id}', { params: { path: { id: bo!.id }, query: { version: String(bo!.version) } } })),
    onSuccess: async () => {
      await refresh();
      onDone(te.bo.verwijderd(bo!.naam));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      naam: naam.trim(),
      datum_ondertekening: datum || null,
      basis_pct: bedragUit(pct),
      provincie_betrokken: provincie,
      partijen: partijen.filter((p) => p.gemeente_id).map((p) => ({ gemeente_id: Number(p.gemeente_id), rol: p.rol })),
      kostenposten: kosten.map((k) => ({ categorie: k.categorie, omschrijving: k.omschrijving.trim() || null, bedrag: bedragUit(k.bedrag) })),
      maatwerk_omschrijving: maatwerk.trim() || null,
      maatwerk_bedrag: maatwerkBedrag.trim() ? bedragUit(maatwerkBedrag) : null,
    });
  };
  const setP = (i: number, p: Partial<Partij>) => setPartijen((l) => l.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setK = (i: number, k: Partial<Kost>) => setKosten((l) => l.map((x, j) => (j === i ? { ...x, ...k } : x)));
  const fout = save.error ?? remove.error;
  const err = fout instanceof ApiError ? fout : null;
  const details = Array.isArray(err?.details) ? (err!.details as unknown as { pad?: string; melding?: string }[]) : [];
  const busy = save.isPending || remove.isPending;

  return (
    <form className="bo-form" onSubmit={submit} data-testid="bo-form" ref={formRef}>
      <h3>{bo ? te.bo.titelBewerken(bo.naam) : te.bo.titelNieuw}</h3>
      <label>{te.bo.naam}<input value={naam} onChange={(e) => setNaam(e.target.value)} required /></label>
      <div className="twee">
        <label>{te.bo.datum}<input type="date" value={datum} onChange={(e) => setDatum(e.target.value)} /></label>
        <label>{te.bo.basisPct}<input value={pct} inputMode="decimal" onChange={(e) => setPct(e.target.value)} /></label>
      </div>
      <label className="check"><input type="checkbox" checked={provincie} onChange={(e) => setProvincie(e.target.checked)} />{te.bo.provincie}</label>
      <fieldset>
        <legend>{te.bo.partijen}</legend>
        <p className="monitor-note">{te.bo.partijenUitleg}</p>
        {partijen.map((p, i) => (
          <div className="rij" key={i} data-testid="bo-partij">
            <label>{te.bo.gemeente}
              <select value={p.gemeente_id} onChange={(e) => setP(i, { gemeente_id: e.target.value })}>
                <option value="">{te.bo.kies}</option>
                {gemeenten.data?.features.map((g) => <option key={g.id} value={g.id}>{g.properties.naam}</option>)}
              </select>
            </label>
            <label>{te.bo.rolLabel}
              <select value={p.rol} onChange={(e) => setP(i, { rol: e.target.value as PartijRol })}>
                {PARTIJ_ROLLEN.map((r) => <option key={r} value={r}>{te.bo.rol[r]}</option>)}
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
        {kosten.length === 0 && <p className="monitor-note">{te.bo.geenKosten}</p>}
        {kosten.map((k, i) => (
          <div className="rij kost" key={i} data-testid="bo-kostenpost">
            <label className="kost-categorie">{te.bo.categorie}
              <select value={k.categorie} onChange={(e) => setK(i, { categorie: e.target.value as KostenCategorie })}>
                {KOSTEN_CATEGORIEEN.map((c) => (
                  <option key={c} value={c}>{te.bo.categorieen[c]} ({isSubsidiabel(c) ? te.bo.subsidiabel : te.bo.nietSubsidiabel})</option>
                ))}
              </select>
            </label>
            <label className="kost-omschrijving">{te.bo.omschrijving}<input value={k.omschrijving} onChange={(e) => setK(i, { omschrijving: e.target.value })} /></label>
            <label className="kost-bedrag">{te.bo.bedrag}<input value={k.bedrag} inputMode="decimal" onChange={(e) => setK(i, { bedrag: e.target.value })} required /></label>
            <button type="button" className="link-button kost-knop" onClick={() => setKosten((l) => l.filter((_, j) => j !== i))}>{te.bo.verwijder}</button>
          </div>
        ))}
        <button type="button" className="ghost-button small" onClick={() => setKosten((l) => [...l, { categorie: 'onderzoek', omschrijving: '', bedrag: '' }])}>
          {te.bo.kostenpostToevoegen}
        </button>
        <p className="monitor-note">{te.bo.bijdrageUitleg(Number(pct.replace(',', '.')) || 0)}</p>
      </fieldset>
      <fieldset>
        <legend>{te.bo.maatwerk}</legend>
        <label>{te.bo.maatwerkOmschrijving}<input value={maatwerk} onChange={(e) => setMaatwerk(e.target.value)} /></label>
        <label>{te.bo.maatwerkBedrag}<input value={maatwerkBedrag} inputMode="decimal" onChange={(e) => setMaatwerkBedrag(e.target.value)} /></label>
      </fieldset>
      {bo && (
        <p className="bo-bijdrage" data-testid="bo-bijdrage-opgeslagen">
          {te.bo.bijdrage} ({te.bo.opgeslagenLabel}): <strong>{euro.format(bo.bijdrage.bijdrage)}</strong> — {bo.bijdrage.basis_pct} % van {euro.format(bo.bijdrage.subsidiabel)} {te.bo.subsidiabeleKosten}
          {bo.bijdrage.maatwerk_bedrag > 0 && <> · {te.bo.plusMaatwerk(euro.format(bo.bijdrage.maatwerk_bedrag), euro.format(bo.bijdrage.totaal))}</>}
        </p>
      )}
      {err && (
        <div className="form-error" role="alert">
          {err.message}
          {details.length > 1 && <ul>{details.map((d, i) => <li key={i}>{d.melding}</li>)}</ul>}
        </div>
      )}
      {fout && !err && <p className="form-error" role="alert">{fout.message}</p>}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={busy}>{te.bo.opslaan}</button>
        <button type="button" className="secondary-button" onClick={() => onDone(null)}>{te.bo.annuleren}</button>
        {bo && (
          <button type="button" className={armed ? 'danger-button' : 'secondary-button danger-text'} disabled={busy}
            onClick={() => (armed ? remove.mutate() : setArmed(true))}>
            {armed ? te.bo.verwijderenBevestig : te.bo.verwijderen}
          </button>
        )}
      </div>
    </form>
  );
}
