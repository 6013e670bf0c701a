// Who receives what of a ruimtevraag and of its candidates, decided here once per
// zicht (server/domain/roles.ts: regie 'volledig', werkgroep 'anoniem').
//
// The werkgroep's candidates are not the regisseur's answer with fields removed:
// scores, ranks and even the list of excluded kavels are functions of the company's
// confidential facts (its jobs, its current kavel), and any function of them can be
// inverted (score × 50 × ha gave back the jobs; three distance scores located the
// kavel). So the anonymised answer is *computed* from the request's public facts
// only — the company's jobs and current kavel are set to unknown before anything is
// scored — and then shows a rank and a coarse fit. What is not an input cannot leak.
import { CRITERIA, type Criterium, type Instellingen, type MatchKavel, type MatchVraag } from './matching-model.ts';
import type { Kandidaat, KandidaatResultaat } from './matching-kandidaten.ts';
import { ruimtevraagZicht, type Role, type RuimtevraagZicht } from './roles.ts';
import { anonymousLabel } from './ruimtevraag.ts';

export type KandidaatZicht = Exclude<RuimtevraagZicht, 'aggregaat'>;

/** Regie sees everything, the werkgroep the anonymised view (the stuurgroep reaches no route that asks). */
export const kandidaatZicht = (rol: Role): KandidaatZicht => (ruimtevraagZicht(rol) === 'volledig' ? 'volledig' : 'anoniem');

/** Criteria that depend on the company's confidential facts (jobs, current location). */
export const VERTROUWELIJKE_CRITERIA: readonly Criterium[] = ['afstand', 'arbeidsplaatsen'];
/** Criteria computed from the request alone: the werkgroep's ranking uses only these. */
export const OPENBARE_CRITERIA: readonly Criterium[] = CRITERIA.filter((c) => !VERTROUWELIJKE_CRITERIA.includes(c));

/** The request as the werkgroep may know it: the company's jobs and current kavel unknown. */
export function openbareVraag<V extends MatchVraag>(v: V): V {
  return { ...v, arbeidsplaatsen: null, huidige_kavel_id: null };
}

/** Settings for the werkgroep's ranking: the confidential criteria weigh nothing. */
export function openbareInstellingen(inst: Instellingen): Instellingen {
  const gewichten = { ...inst.gewichten };
  for (const c of VERTROUWELIJKE_CRITERIA) gewichten[c] = 0;
  return { ...inst, gewichten };
}

/** The request and settings a zicht's candidates are computed from. */
export function invoerVoorZicht<V extends MatchVraag>(zicht: KandidaatZicht, vraag: V, inst: Instellingen): { vraag: V; inst: Instellingen } {
  return zicht === 'volledig' ? { vraag, inst } : { vraag: openbareVraag(vraag), inst: openbareInstellingen(inst) };
}

export type Passend = 'goed' | 'redelijk' | 'matig';
export const PASSEND_LABEL: Record<Passend, string> = { goed: 'Goed passend', redelijk: 'Redelijk passend', matig: 'Matig passend' };

/** A coarse fit from a 0–100 score. */
export function passendVan(score: number): Passend {
  return score >= 80 ? 'goed' : score >= 60 ? 'redelijk' : 'matig';
}

// ---------------------------------------------------------------- the ruimtevraag

/** Fields of a ruimtevraag the werkgroep receives: nothing that names or locates the company. */
export const ANONIEME_VRAAG_VELDEN = ['id', 'min_ha', 'max_ha', 'milieucategorie', 'watergebonden', 'reden', 'voorrang', 'status',
  'gewenst_vanaf', 'gewenst_tot', 'gewenste_gemeenten', 'bron'] as const;

type AnoniemVeld = (typeof ANONIEME_VRAAG_VELDEN)[number];
/** What the werkgroep receives of a request: the public fields and a label. */
export type AnoniemeVraag<R> = Pick<R, Extract<keyof R, AnoniemVeld>> & { label: string };

/** A register row (server/ruimtevragen/queries.ts) as the zicht may see it. */
export function vraagVoorZicht<R extends { id: number; max_ha: number; milieucategorie: string } & Record<AnoniemVeld, unknown>>(
  zicht: KandidaatZicht, rij: R,
): R | AnoniemeVraag<R> {
  if (zicht === 'volledig') return rij;
  const out: Record<string, unknown> = { id: rij.id, label: anonymousLabel(rij.id, Number(rij.max_ha), rij.milieucategorie) };
  for (const k of ANONIEME_VRAAG_VELDEN) out[k] = rij[k];
  return out as AnoniemeVraag<R>;
}

// ---------------------------------------------------------------- the candidates

export type KavelFeiten = MatchKavel & { terrein: string; gemeente: string; mc_max_code: string };

/** Public facts of a kavel (the map shows them to everyone). */
const kavelVelden = (kv: KavelFeiten) => ({
  id: kv.id, naam: kv.naam ?? null, terrein_id: kv.terrein_id, terrein: kv.terrein, gemeente: kv.gemeente, oppervlakte_ha: kv.ha,
  status: kv.status, planstatus: kv.planstatus, milieucategorie_min: kv.mc_min_code ?? null, milieucategorie_max: kv.mc_max_code,
  watergebonden: kv.watergebonden, beschikbaar_vanaf: kv.beschikbaar_vanaf,
});

/** What the werkgroep is told about a candidate that falls short: public criteria only. */
const aandachtspunten = (k: Kandidaat) =>
  k.criteria.filter((c) => OPENBARE_CRITERIA.includes(c.criterium) && c.score < 1).map((c) => c.toelichting);

const RANGSCHIKKING_VOLLEDIG = 'Op de totaalscore van alle criteria, met de vertrouwelijke bedrijfsgegevens (afstand, arbeidsplaatsen).';
const RANGSCHIKKING_ANONIEM = 'Op omvang, planstatus, beschikbaarheid, gewenste gemeente en milieucategorie; '
  + 'vertrouwelijke bedrijfsgegevens tellen in deze weergave niet mee, dus de volgorde kan afwijken van die van de regisseur.';

export interface KandidatenInvoer {
  resultaat: KandidaatResultaat;
  kavels: ReadonlyMap<number, KavelFeiten>;
  /** The settings the candidates were computed with (invoerVoorZicht). */
  inst: Instellingen;
  limiet: number;
}

/** The candidates part of GET /api/ruimtevragen/{id}/kandidaten for a zicht. */
export function kandidatenVoorZicht(zicht: KandidaatZicht, { resultaat, kavels, inst, limiet }: KandidatenInvoer) {
  const volledig = zicht === 'volledig';
  const kandidaten = resultaat.kandidaten.slice(0, limiet).map((k, i) => {
    const basis = {
      rang: i + 1, kavel_ids: k.kavel_ids, samengevoegd: k.samengevoegd, oppervlakte_ha: k.oppervlakte_ha,
      passend: passendVan(k.score), passend_label: PASSEND_LABEL[passendVan(k.score)],
      kavels: k.kavel_ids.map((id) => kavelVelden(kavels.get(id)!)),
    };
    return volledig ? { ...basis, score: k.score, criteria: k.criteria } : { ...basis, aandachtspunten: aandachtspunten(k) };
  });
  const criteria = volledig ? [...CRITERIA] : [...OPENBARE_CRITERIA];
  return {
    rangschikking: volledig ? RANGSCHIKKING_VOLLEDIG : RANGSCHIKKING_ANONIEM,
    instellingen: volledig
      ? { gewichten: inst.gewichten, tolerantie: inst.tolerantie, max_kavels_samenvoegen: inst.max_kavels_samenvoegen,
          afstand_max_km: inst.afstand_max_km, arbeidsplaatsen_norm_per_ha: inst.arbeidsplaatsen_norm_per_ha, milieuruimte_stappen: inst.milieuruimte_stappen }
      : { gewichten: Object.fromEntries(OPENBARE_CRITERIA.map((c) => [c, inst.gewichten[c]])), tolerantie: inst.tolerantie,
          max_kavels_samenvoegen: inst.max_kavels_samenvoegen },
    criteria,
    aantal: resultaat.kandidaten.length,
    kandidaten,
    uitgesloten: resultaat.uitgesloten,
    reden_geen_kandidaten: resultaat.reden_geen_kandidaten,
  };
}
