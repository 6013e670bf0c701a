// Toewijzingen of a compensatie: which transformaties it serves, with how many
// hectares. The server refuses giving out more than the compensatie has (under a
// row lock); its Dutch message is shown as it comes. The compensating gemeente
// decides, so a werkgroep may only change its own gemeente's compensaties.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, http, type Schemas } from '../api/http.ts';
import { te } from '../i18n/nl-editor.ts';
import './editor-extra.css';

type Toewijzing = Schemas['Toewijzing'];

export const toewijzingenKey = (id: number) => ['toewijzingen', id] as const;
/** Every compensatie's choices show what all compensaties gave: one change refreshes them all. */
const KEUZES = 'toewijzing-keuzes';
const keuzesKey = (id: number) => [KEUZES, id] as const;

const nl2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ha = (x: number) => `${nl2.format(x)} ha`;

export function CompensatieToewijzingen({ compensatieId, canEdit }: { compensatieId: number; canEdit: boolean }) {
  const client = useQueryClient();
  const overzicht = useQuery({
    queryKey: toewijzingenKey(compensatieId),
    queryFn: ({ signal }) => call(http.GET('/api/compensaties/{id}/toewijzingen', { params: { path: { id: compensatieId } }, signal })),
  });
  // The transformaties to choose from (a list without geometry): only for who may add a toewijzing.
  const keuzes = useQuery({
    queryKey: keuzesKey(compensatieId),
    queryFn: ({ signal }) => call(http.GET('/api/compensaties/{id}/toewijzingen/keuzes', { params: { path: { id: compensatieId } }, signal })),
    enabled: canEdit,
  });
  const bos = useQuery({ queryKey: ['bestuursovereenkomsten'], queryFn: ({ signal }) => call(http.GET('/api/bestuursovereenkomsten', { signal })) });
  const [transformatie, setTransformatie] = useState('');
  const [hectares, setHectares] = useState('');
  const [bo, setBo] = useState('');

  // The toewijzingen count in the balance; the map's records do not change, so no layer is fetched again.
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['balans'] }), client.invalidateQueries({ queryKey: [KEUZES] })]);
  const toevoegen = useMutation({
    mutationFn: (body: Schemas['ToewijzingNieuw']) =>
      call(http.POST('/api/compensaties/{id}/toewijzingen', { params: { path: { id: compensatieId } }, body })),
    onSuccess: async (result) => {
      setTransformatie('');
      setHectares('');
      setBo('');
      client.setQueryData(toewijzingenKey(compensatieId), result);
      await refresh();
    },
  });
  const verwijderen = useMutation({
    mutationFn: (t: Toewijzing) => call(http.DELETE('/api/compensaties/{id}/toewijzingen/{toewijzing_id}', {
      params: { path: { id: compensatieId, toewijzing_id: t.id }, query: { version: String(t.version) } },
    })),
    onSuccess: async (result) => {
      client.setQueryData(toewijzingenKey(compensatieId), result);
      await refresh();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(hectares.replace(',', '.'));
    toevoegen.mutate({ transformatie_id: Number(transformatie), hectares: n, ...(bo ? { bestuursovereenkomst_id: Number(bo) } : {}) });
  };

  const o = overzicht.data;
  const actief = o && o.status !== 'vervallen';
  const kandidaten = [...(keuzes.data ?? [])].sort((a, b) => (a.naam ?? '').localeCompare(b.naam ?? '', 'nl'));
  const fout = toevoegen.error ?? verwijderen.error;

  return (
    <section className="editor-extra-section" data-testid="toewijzingen" aria-label={te.toewijzingen.titel}>
      <h3 className="panel-heading">{te.toewijzingen.titel}</h3>
      {overzicht.error && <p className="form-error" role="alert">{overzicht.error.message}</p>}
      {o && (
        <>
          <dl className="toewijzing-totalen">
            <dt>{te.toewijzingen.oppervlakte}</dt><dd>{ha(o.oppervlakte_ha)}</dd>
            <dt>{te.toewijzingen.toegewezen}</dt><dd data-testid="toegewezen-ha">{ha(o.toegewezen_ha)}</dd>
            <dt>{te.toewijzingen.beschikbaar}</dt><dd data-testid="beschikbaar-ha">{ha(o.beschikbaar_ha)}</dd>
          </dl>
          {o.toewijzingen.length === 0 ? (
            <p className="feature-note">{te.toewijzingen.geen}</p>
          ) : (
            <ul className="toewijzing-lijst">
              {o.toewijzingen.map((t) => (
                <li key={t.id} data-transformatie={t.transformatie_id}>
                  <span>{t.transformatie_naam ?? `Transformatie ${t.transformatie_id}`}</span>
                  <span className="num">{ha(t.hectares)}</span>
                  {t.bestuursovereenkomst_id && (
                    <span className="toewijzing-bo" title={`${te.toewijzingen.bo}: ${bos.data?.find((b) => b.id === t.bestuursovereenkomst_id)?.naam ?? t.bestuursovereenkomst_id}`}>
                      BO {t.bestuursovereenkomst_id}
                    </span>
                  )}
                  {canEdit && (
                    <button type="button" className="link-button" disabled={verwijderen.isPending}
                      onClick={() => verwijderen.mutate(t)} aria-label={te.toewijzingen.verwijderen(t.transformatie_naam ?? String(t.transformatie_id))}>
                      {te.toewijzingen.verwijderKnop}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canEdit && actief && (
            <form className="toewijzing-form" onSubmit={submit}>
              <label>{te.toewijzingen.transformatie}
                <select value={transformatie} onChange={(e) => setTransformatie(e.target.value)} required>
                  <option value="">{te.toewijzingen.kies}</option>
                  {kandidaten.map((k) => (
                    <option key={k.id} value={k.id}>
                      {te.toewijzingen.keuze(k.naam ?? `Transformatie ${k.id}`, k.gemeente, ha(k.netto_verloren_ha), ha(k.toegewezen_ha))}
                    </option>
                  ))}
                </select>
              </label>
              <label>{te.toewijzingen.hectares}
                <input value={hectares} inputMode="decimal" onChange={(e) => setHectares(e.target.value)} required placeholder={nl2.format(Math.max(0, o.beschikbaar_ha))} />
              </label>
              <label>{te.toewijzingen.bo}
                <select value={bo} onChange={(e) => setBo(e.target.value)}>
                  <option value="">{te.toewijzingen.geenBo}</option>
                  {bos.data?.map((b) => <option key={b.id} value={b.id}>{b.naam}</option>)}
                </select>
              </label>
              <button type="submit" className="primary-button" disabled={toevoegen.isPending || !transformatie || !hectares}>
                {te.toewijzingen.toevoegen}
              </button>
            </form>
          )}
          {fout && <p className="form-error" role="alert">{fout.message}</p>}
        </>
      )}
    </section>
  );
}
