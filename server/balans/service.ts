// The regional balance on a moment: the records as they stood (queries.ts) turned into
// figures by the KPI definitions (server/domain/kpi.ts) and into signaleringen by the
// pure rules (server/domain/balans.ts). Every figure carries the ids of its records.
import { bijdrage } from '../domain/bijdrage.ts';
import {
  beschermdTerrein, compensatieBuitenRegio, milieuruimte, nietBerekend, overtoewijzing, restant, tekort, tekortInWoorden,
  totaleVraag, volgtijdelijkheid, type Bereik, type Signalering,
} from '../domain/balans.ts';
import { berekenKpis, definities, plancapaciteit, type Regels } from '../domain/kpi.ts';
import { leesDelen, type AanbodDeel, type LeesOpties, type Moment, type Queryable, type Stand, type TransformatieDeel } from './queries.ts';

export type { Moment } from './queries.ts';

const lijst = (v: unknown, standaard: string[]): string[] => (Array.isArray(v) ? v.map(String) : standaard);

export function regelsUit(r: Record<string, unknown>): Regels {
  return {
    teltVanaf: lijst(r.compensatie_telt_vanaf_status, ['geregeld', 'planologisch_mogelijk', 'gerealiseerd']),
    vanafTerinzage: lijst(r.statussen_vanaf_terinzage, ['ontwerp_ter_inzage', 'vastgesteld', 'gerealiseerd']),
    vastgesteld: lijst(r.statussen_vastgesteld, ['vastgesteld', 'gerealiseerd']),
  };
}

const metTekst = (b: Bereik) => ({ ...b, tekst: tekortInWoorden(b) });

/** The figures of the kavels against demand and supply: plancapaciteit and vraag en aanbod. */
function aanbodUit(s: AanbodDeel) {
  const plan = plancapaciteit(s.kavels);
  const vraag = s.ramingen.length ? totaleVraag(s.ramingen) : null;
  const gepubliceerd = (planstatus: 'hard' | 'zacht') => s.gepubliceerd.filter((g) => g.planstatus === planstatus).reduce((sum, g) => sum + g.netto_ha, 0);
  const kaartTotaal = plan.hard.ha + plan.zacht.ha;
  const vraag_aanbod = {
    vraag: vraag && { ...vraag, ids: { vraagraming: s.ramingen.map((r) => r.id) }, ramingen: s.ramingen },
    // The kavels behind these are plancapaciteit.hard and .zacht.
    aanbod_kaart: { hard_ha: plan.hard.ha, zacht_ha: plan.zacht.ha, totaal_ha: kaartTotaal },
    aanbod_gepubliceerd: {
      hard_ha: gepubliceerd('hard'), zacht_ha: gepubliceerd('zacht'),
      peildatum: s.gepubliceerd[0]?.peildatum ?? null, gepubliceerd_op: s.gepubliceerd[0]?.gepubliceerd_op ?? null,
      bron: s.gepubliceerd[0]?.bron ?? null,
      ids: { planaanbod_gepubliceerd: s.gepubliceerd.map((g) => g.id) },
    },
    tekort: vraag && {
      kaart_hard: metTekst(tekort(vraag, plan.hard.ha)),
      kaart_hard_en_zacht: metTekst(tekort(vraag, kaartTotaal)),
      gepubliceerd_hard: metTekst(tekort(vraag, gepubliceerd('hard'))),
      gepubliceerd_hard_en_zacht: metTekst(tekort(vraag, gepubliceerd('hard') + gepubliceerd('zacht'))),
    },
  };
  return { plancapaciteit: plan, vraag_aanbod };
}

/** The figures of transformaties, compensaties and toewijzingen, and the signaleringen of the rules. */
function transformatiesUit(s: TransformatieDeel, moment: Moment) {
  const regels = regelsUit(s.regels);
  const horizon = String(s.regels.geen_transformatie_tot ?? '2031-01-01');
  const kpis = berekenKpis({
    peildatum: moment.peildatum, regels, transformaties: s.transformaties, compensaties: s.compensaties, toewijzingen: s.toewijzingen,
  });

  const signaleringen: Signalering[] = [];
  const perTransformatie = new Map<number, Stand['toewijzingen']>();
  for (const tw of s.toewijzingen) {
    const tws = perTransformatie.get(tw.transformatie_id);
    if (tws) tws.push(tw);
    else perTransformatie.set(tw.transformatie_id, [tw]);
  }
  for (const t of kpis.transformaties) {
    if (t.niet_berekend) signaleringen.push(nietBerekend(t));
    const v = volgtijdelijkheid({
      id: t.id, naam: t.naam, gemeente_id: t.gemeente_id, gemeente: t.gemeente, fase: t.fase,
      datum_terinzagelegging: t.datum_terinzagelegging, vereist_ha: t.netto_ha,
    }, perTransformatie.get(t.id) ?? []);
    if (v) signaleringen.push(v);
    const r = restant(t);
    if (r) signaleringen.push(r);
    const o = overtoewijzing(t);
    if (o) signaleringen.push(o);
  }
  for (const c of s.compensaties.filter((x) => x.buiten_regio)) signaleringen.push(compensatieBuitenRegio(c));
  for (const b of s.beschermde_terreinen) {
    const sig = beschermdTerrein({ id: b.transformatie_id, naam: b.transformatie }, b, moment.peildatum, horizon);
    if (sig) signaleringen.push(sig);
  }
  for (const m of s.milieuruimte) signaleringen.push(milieuruimte(m));

  const bestuursovereenkomsten = s.bestuursovereenkomsten.map((bo) => {
    const b = bijdrage(bo.kostenposten, bo.basis_pct);
    return {
      id: bo.id, naam: bo.naam, datum_ondertekening: bo.datum_ondertekening, partijen: bo.partijen,
      basis_pct: bo.basis_pct, subsidiabel: b.subsidiabel, bijdrage: b.bijdrage, maatwerk_bedrag: bo.maatwerk_bedrag,
      ids: { bestuursovereenkomst: [bo.id], kostenpost: bo.kostenposten.map((k) => k.id) },
    };
  });
  return { regels, kpis, signaleringen, bestuursovereenkomsten };
}

/** The answer from both sides, in the contract's order. */
function samen(s: TransformatieDeel, moment: Moment, t: ReturnType<typeof transformatiesUit>, a: ReturnType<typeof aanbodUit>) {
  return {
    peildatum: moment.peildatum,
    vastgelegd_op: moment.soort === 'vastgelegd' ? moment.tijdstip : null,
    bron: moment.soort,
    historie: { eerste_geldig: s.eerste_geldig, eerste_vastlegging: s.eerste_vastlegging },
    definities: definities(t.regels),
    regio: t.kpis.regio,
    // Per transformatie what the monitor's table shows; the rest stays internal.
    transformaties: t.kpis.transformaties.map((x) => ({
      id: x.id, naam: x.naam, gemeente: x.gemeente, status: x.status, fase: x.fase, netto_ha: x.netto_ha, niet_berekend: x.niet_berekend,
      toegewezen_ha: x.toegewezen_ha, nog_toe_te_wijzen_ha: x.nog_toe_te_wijzen_ha, restant_ha: x.restant_ha,
    })),
    per_gemeente: t.kpis.per_gemeente,
    per_milieucategorie: t.kpis.per_milieucategorie,
    plancapaciteit: a.plancapaciteit,
    vraag_aanbod: a.vraag_aanbod,
    signaleringen: t.signaleringen,
    bestuursovereenkomsten: t.bestuursovereenkomsten,
  };
}

/** The balance from what was read; pure apart from the read, so the preview can change rows first. */
export function balansUit(s: Stand, moment: Moment) {
  return samen(s, moment, transformatiesUit(s, moment), aanbodUit(s));
}
export type Balans = ReturnType<typeof balansUit>;

/**
 * The balance on a moment. The transformatie side is computed while the database is
 * still reading the kavels (on a pool the two reads run side by side).
 */
export async function computeBalans(db: Queryable, moment: Moment, opties: LeesOpties = {}): Promise<Balans> {
  const delen = leesDelen(db, moment, opties);
  const s = await delen.transformaties;
  const t = transformatiesUit(s, moment);
  return samen(s, moment, t, aanbodUit(await delen.aanbod));
}
