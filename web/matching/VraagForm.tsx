// Form for a new ruimtevraag (with its company) or a change to one. The server
// validates; its Dutch messages (per field) are shown as they come.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { useLayer, useMilieucategorieen } from '../api/hooks.ts';
import { Keuzelijst } from '../app/Keuzelijst.tsx';
import { tm } from '../i18n/nl-matching.ts';
import { REDENEN, VRAAG_STATUS } from '../../server/domain/matching-codes.ts';
import { useSaveRuimtevraag, type NieuweVraag, type Ruimtevraag, type VraagWijziging } from './api.ts';

type Values = Record<string, string | boolean | number[]>;

const fromVraag = (v?: Ruimtevraag): Values => ({
  naam: v?.bedrijf_naam ?? '', kvk_nummer: v?.kvk_nummer ?? '', sector: v?.sector ?? '',
  arbeidsplaatsen: v?.arbeidsplaatsen == null ? '' : String(v.arbeidsplaatsen), huidige_kavel_id: v?.huidige_kavel_id == null ? '' : String(v.huidige_kavel_id),
  gebruikspositie: v?.gebruikspositie ?? '', milieucategorie_activiteit: v?.milieucategorie_activiteit ?? '',
  min_ha: v ? String(v.min_ha) : '', max_ha: v ? String(v.max_ha) : '', milieucategorie: v?.milieucategorie ?? '',
  watergebonden: v?.watergebonden ?? false, gewenste_gemeente_ids: v?.gewenste_gemeente_ids ?? [],
  gewenst_vanaf: v?.gewenst_vanaf?.slice(0, 10) ?? '', gewenst_tot: v?.gewenst_tot?.slice(0, 10) ?? '',
  reden: v?.reden ?? 'groei', voorrang: v?.voorrang ?? false, status: v?.status ?? 'open',
  accountmanager: v?.accountmanager ?? '', notities: v?.notities ?? '',
});

const VELD: Record<string, string> = {
  'bedrijf.naam': 'Naam', 'bedrijf.kvk_nummer': 'KvK-nummer', 'bedrijf.arbeidsplaatsen': 'Arbeidsplaatsen', 'bedrijf.huidige_kavel_id': 'Huidige kavel',
  'bedrijf.milieucategorie_activiteit': 'Milieucategorie activiteit', min_ha: 'Minimaal (ha)', max_ha: 'Maximaal (ha)',
  milieucategorie: 'Benodigde milieucategorie', gewenst_vanaf: 'Gewenst vanaf', gewenst_tot: 'Gewenst uiterlijk', reden: 'Reden',
};

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
const text = (s: string) => (s.trim() === '' ? null : s.trim());

export function VraagForm({ vraag, onDone }: { vraag?: Ruimtevraag; onDone: (id?: number) => void }) {
  const [v, setV] = useState<Values>(() => fromVraag(vraag));
  const save = useSaveRuimtevraag();
  const gemeenten = useLayer('gemeenten');
  const categorieen = useMilieucategorieen();
  const set = (k: string, value: string | boolean | number[]) => setV((x) => ({ ...x, [k]: value }));
  const s = (k: string) => v[k] as string;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bedrijf = {
      naam: s('naam').trim(), kvk_nummer: text(s('kvk_nummer')), sector: text(s('sector')), arbeidsplaatsen: num(s('arbeidsplaatsen')),
      huidige_kavel_id: num(s('huidige_kavel_id')), gebruikspositie: text(s('gebruikspositie')), milieucategorie_activiteit: text(s('milieucategorie_activiteit')),
    };
    // What was typed, as it is: the server checks it and answers per field in Dutch.
    const body: Record<string, unknown> = {
      bedrijf, min_ha: num(s('min_ha')), max_ha: num(s('max_ha')), milieucategorie: s('milieucategorie'), reden: s('reden'),
      watergebonden: v.watergebonden, voorrang: v.voorrang, gewenste_gemeente_ids: v.gewenste_gemeente_ids,
      gewenst_vanaf: text(s('gewenst_vanaf')), gewenst_tot: text(s('gewenst_tot')), status: s('status'),
      accountmanager: text(s('accountmanager')), notities: text(s('notities')),
    };
    if (vraag) body.version = vraag.version;
    try {
      const saved = await save.mutateAsync(vraag ? { id: vraag.id, body: body as VraagWijziging } : { body: body as NieuweVraag });
      onDone(saved.id);
    } catch { /* shown below */ }
  };

  const err = save.error instanceof ApiError ? save.error : null;
  const fieldErrors = Array.isArray(err?.details) ? err.details as { veld?: string; pad?: string; melding?: string; message?: string }[] : [];
  const ids = v.gewenste_gemeente_ids as number[];
  return (
    <form className="matching-form" onSubmit={submit} data-testid="vraag-form" noValidate>
      <h3>{vraag ? `Ruimtevraag ${vraag.id} wijzigen` : 'Nieuwe ruimtevraag'}</h3>
      <fieldset>
        <legend>Bedrijf</legend>
        <label className="wide">Naam<input value={s('naam')} onChange={(e) => set('naam', e.target.value)} required /></label>
        <label>KvK-nummer<input value={s('kvk_nummer')} inputMode="numeric" pattern="[0-9]{8}" onChange={(e) => set('kvk_nummer', e.target.value)} /></label>
        <label>Sector<input value={s('sector')} onChange={(e) => set('sector', e.target.value)} /></label>
        <label>Arbeidsplaatsen<input value={s('arbeidsplaatsen')} inputMode="numeric" onChange={(e) => set('arbeidsplaatsen', e.target.value)} /></label>
        <label>Huidige kavel (nummer)<input value={s('huidige_kavel_id')} inputMode="numeric" onChange={(e) => set('huidige_kavel_id', e.target.value)} /></label>
        <label>Huurder of eigenaar
          <select value={s('gebruikspositie')} onChange={(e) => set('gebruikspositie', e.target.value)}>
            <option value="">Onbekend</option><option value="huurder">Huurder</option><option value="eigenaar">Eigenaar</option>
          </select>
        </label>
        <label>Milieucategorie activiteit
          <select value={s('milieucategorie_activiteit')} onChange={(e) => set('milieucategorie_activiteit', e.target.value)}>
            <option value="">Onbekend</option>
            {categorieen.data?.map((c) => <option key={c.code} value={c.code}>{c.code}</option>)}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Ruimtevraag</legend>
        <label>Minimaal (ha)<input value={s('min_ha')} inputMode="decimal" onChange={(e) => set('min_ha', e.target.value)} required /></label>
        <label>Maximaal (ha)<input value={s('max_ha')} inputMode="decimal" onChange={(e) => set('max_ha', e.target.value)} required /></label>
        <label>Benodigde milieucategorie
          <select value={s('milieucategorie')} onChange={(e) => set('milieucategorie', e.target.value)} required>
            <option value="">Kies…</option>
            {categorieen.data?.map((c) => <option key={c.code} value={c.code}>{c.code} — {c.omschrijving}</option>)}
          </select>
        </label>
        <Keuzelijst label="Reden" value={s('reden')} options={REDENEN} naam={(r) => tm.reden[r]} onChange={(r) => set('reden', r)} />
        <label>Gewenst vanaf<input type="date" value={s('gewenst_vanaf')} onChange={(e) => set('gewenst_vanaf', e.target.value)} /></label>
        <label>Gewenst uiterlijk<input type="date" value={s('gewenst_tot')} onChange={(e) => set('gewenst_tot', e.target.value)} /></label>
        <label className="check"><input type="checkbox" checked={v.watergebonden as boolean} onChange={(e) => set('watergebonden', e.target.checked)} />Watergebonden</label>
        <label className="check"><input type="checkbox" checked={v.voorrang as boolean} onChange={(e) => set('voorrang', e.target.checked)} />Voorrang</label>
        <div className="wide gemeente-keuze" role="group" aria-label="Gewenste gemeenten">
          <span>Gewenste gemeenten</span>
          {gemeenten.data?.features.map((g) => (
            <label key={g.id} className="check">
              <input type="checkbox" checked={ids.includes(g.id as number)}
                onChange={(e) => set('gewenste_gemeente_ids', e.target.checked ? [...ids, g.id as number] : ids.filter((x) => x !== g.id))} />
              {g.properties.naam}
            </label>
          ))}
        </div>
        <Keuzelijst label="Status" value={s('status')} options={VRAAG_STATUS} naam={(x) => tm.vraagStatus[x]} onChange={(x) => set('status', x)} />
        <label>Accountmanager<input value={s('accountmanager')} onChange={(e) => set('accountmanager', e.target.value)} /></label>
        <label className="wide">Notities<textarea value={s('notities')} rows={3} onChange={(e) => set('notities', e.target.value)} /></label>
      </fieldset>
      {err && (
        <div className="form-error" role="alert">
          <p>{err.message}</p>
          {fieldErrors.length > 0 && <ul>{fieldErrors.map((f, i) => {
            const veld = f.veld ?? f.pad ?? '';
            return <li key={i}>{veld ? `${VELD[veld] ?? veld}: ` : ''}{f.melding ?? f.message}</li>;
          })}</ul>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={save.isPending}>{save.isPending ? 'Opslaan…' : 'Opslaan'}</button>
        <button type="button" className="secondary-button" onClick={() => onDone(vraag?.id)}>Annuleren</button>
      </div>
    </form>
  );
}
