// The regional balance: PostGIS measurements (queries.ts) turned into figures and
// signaleringen by the pure rules in server/domain/balans.ts. Every figure carries
// the ids of the records behind it.
import { aantal } from '../domain/nl-tekst.ts';
import { bijdrage } from '../domain/bijdrage.ts';
import {
  beschermdTerrein, compensatieBuitenRegio, restant, tekort, totaleVraag, volgtijdelijkheid,
  type Signalering, type TransformatieStand,
} from '../domain/balans.ts';
import { milieuruimte } from '../editor/milieuruimte.ts';
import { readSnapshot, type Queryable } from './queries.ts';

export interface Cijfer {
  ha: number;
  ids: Record<string, number[]>;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const cijfer = (ha: number, ids: Record<string, number[]>): Cijfer => ({ ha: r4(ha), ids });
const uniq = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

export const COMPENSATIE_STATUSSEN = ['gepland', 'geregeld', 'planologisch_mogelijk', 'gerealiseerd'] as const;

export interface BalansOpties {
  /** The moment of the snapshot (ISO timestamp), or 'infinity' for the latest state. */
  tijdstip: string;
  /** The date the date-bound rules are judged at (YYYY-MM-DD). */
  peildatum: string;
  /** Check milieuruimte of housing transformaties against today's kavels. */
  milieuruimte?: boolean;
}

export async function computeBalans(db: Queryable, opties: BalansOpties) {
  const s = await readSnapshot(db, opties.tijdstip);
  const vanafTerinzage = (s.regels.statussen_vanaf_terinzage as string[]) ?? [];
  const horizon = String(s.regels.geen_transformatie_tot ?? '2031-01-01');

  const verloren = s.transformaties.reduce((sum, t) => sum + t.netto_ha, 0);
  const toegewezenTotaal = s.toewijzingen.reduce((sum, tw) => sum + tw.hectares, 0);
  const compensatieTotaal = s.compensaties.reduce((sum, c) => sum + c.ha, 0);

  const regio = {
    netto_verloren: cijfer(verloren, { transformatie: s.transformaties.map((t) => t.id) }),
    compensatie_per_status: Object.fromEntries(COMPENSATIE_STATUSSEN.map((status) => {
      const cs = s.compensaties.filter((c) => c.status === status);
      return [status, cijfer(cs.reduce((sum, c) => sum + c.ha, 0), { compensatie: cs.map((c) => c.id) })];
    })),
    compensatie_totaal: cijfer(compensatieTotaal, { compensatie: s.compensaties.map((c) => c.id) }),
    toegewezen: cijfer(toegewezenTotaal, { compensatie_toewijzing: s.toewijzingen.map((tw) => tw.id) }),
    saldo_ha: r4(compensatieTotaal - verloren),
    aandeel_gecompenseerd: verloren > 0 ? r4(Math.min(toegewezenTotaal, verloren) / verloren) : null,
  };

  const gemeenten = new Map<number, string>(s.transformaties.map((t) => [t.gemeente_id, t.gemeente]));
  const per_gemeente = [...gemeenten].map(([gemeenteId, gemeente]) => {
    const ts = s.transformaties.filter((t) => t.gemeente_id === gemeenteId);
    const tids = ts.map((t) => t.id);
    const tws = s.toewijzingen.filter((tw) => tids.includes(tw.transformatie_id));
    const binnen = tws.filter((tw) => tw.compensatie_gemeente_id === gemeenteId);
    const elders = tws.filter((tw) => tw.compensatie_gemeente_id !== gemeenteId);
    const lost = ts.reduce((sum, t) => sum + t.netto_ha, 0);
    const sumHa = (xs: typeof tws) => xs.reduce((sum, tw) => sum + tw.hectares, 0);
    return {
      gemeente_id: gemeenteId,
      gemeente,
      verloren: cijfer(lost, { transformatie: tids }),
      vereist: cijfer(lost, { transformatie: tids }),
      toegewezen_binnen: cijfer(sumHa(binnen), { compensatie_toewijzing: binnen.map((tw) => tw.id), compensatie: uniq(binnen.map((tw) => tw.compensatie_id)) }),
      toegewezen_elders: cijfer(sumHa(elders), { compensatie_toewijzing: elders.map((tw) => tw.id), compensatie: uniq(elders.map((tw) => tw.compensatie_id)) }),
      restant_ha: r4(Math.max(0, lost - sumHa(tws))),
    };
  }).sort((a, b) => a.gemeente.localeCompare(b.gemeente, 'nl'));

  const categorieen = new Set([...s.verlies_per_categorie.map((v) => v.milieucategorie), ...s.compensaties.map((c) => c.milieucategorie_max ?? 'onbekend')]);
  const per_milieucategorie = [...categorieen].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true })).map((cat) => {
    const v = s.verlies_per_categorie.find((x) => x.milieucategorie === cat);
    const cs = s.compensaties.filter((c) => (c.milieucategorie_max ?? 'onbekend') === cat);
    return {
      milieucategorie: cat,
      verloren: cijfer(v?.ha ?? 0, { transformatie: v?.transformatie_ids ?? [], kavel: v?.kavel_ids ?? [] }),
      gecompenseerd: cijfer(cs.reduce((sum, c) => sum + c.ha, 0), { compensatie: cs.map((c) => c.id) }),
    };
  });

  const rijen = s.plancapaciteit.map((p) => ({ ...p, ha: r4(p.ha), ids: { kavel: p.kavel_ids } }))
    .map(({ kavel_ids: _k, ...rest }) => rest);
  const som = (planstatus: 'hard' | 'zacht') => {
    const rs = s.plancapaciteit.filter((p) => p.planstatus === planstatus);
    return cijfer(rs.reduce((sum, p) => sum + p.ha, 0), { kavel: rs.flatMap((p) => p.kavel_ids).sort((a, b) => a - b) });
  };
  const plancapaciteit = { rijen, hard: som('hard'), zacht: som('zacht') };

  const vraag = totaleVraag(s.ramingen);
  const gepubliceerdHa = (planstatus: 'hard' | 'zacht') => s.gepubliceerd.filter((g) => g.planstatus === planstatus).reduce((sum, g) => sum + g.netto_ha, 0);
  const kaartTotaal = plancapaciteit.hard.ha + plancapaciteit.zacht.ha;
  const vraag_aanbod = {
    vraag: { ...vraag, ids: { vraagraming: s.ramingen.map((r) => r.id) }, ramingen: s.ramingen },
    aanbod_kaart: { hard: plancapaciteit.hard, zacht: plancapaciteit.zacht, totaal_ha: r4(kaartTotaal) },
    aanbod_gepubliceerd: {
      hard_ha: gepubliceerdHa('hard'), zacht_ha: gepubliceerdHa('zacht'),
      peildatum: s.gepubliceerd[0]?.peildatum ?? null, bron: s.gepubliceerd[0]?.bron ?? null,
      ids: { planaanbod_gepubliceerd: s.gepubliceerd.map((g) => g.id) },
    },
    tekort: {
      kaart_hard: tekort(vraag, plancapaciteit.hard.ha),
      kaart_hard_en_zacht: tekort(vraag, kaartTotaal),
      gepubliceerd_hard: tekort(vraag, gepubliceerdHa('hard')),
      gepubliceerd_hard_en_zacht: tekort(vraag, gepubliceerdHa('hard') + gepubliceerdHa('zacht')),
    },
  };

  const signaleringen: Signalering[] = [];
  for (const t of s.transformaties) {
    const stand: TransformatieStand = { ...t, vereist_ha: t.netto_ha };
    const tws = s.toewijzingen.filter((tw) => tw.transformatie_id === t.id);
    const v = volgtijdelijkheid(stand, tws, vanafTerinzage);
    if (v) signaleringen.push(v);
    const rest = restant(stand, tws.reduce((sum, tw) => sum + tw.hectares, 0), vanafTerinzage);
    if (rest) signaleringen.push(rest);
  }
  for (const c of s.compensaties.filter((x) => x.buiten_regio)) signaleringen.push(compensatieBuitenRegio(c));
  for (const b of s.beschermde_terreinen) {
    const sig = beschermdTerrein({ id: b.transformatie_id, naam: b.transformatie }, b, opties.peildatum, horizon);
    if (sig) signaleringen.push(sig);
  }
  if (opties.milieuruimte) {
    for (const t of s.transformaties.filter((x) => x.nieuwe_functie === 'wonen' || x.nieuwe_functie === 'gemengd')) {
      const m = await milieuruimte(db, t.ewkt, t.nieuwe_functie as 'wonen' | 'gemengd');
      if (m.per_categorie.length === 0) continue;
      const cats = m.per_categorie.map((p) => `cat. ${p.milieucategorie} ${p.ha.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} ha`).join(', ');
      signaleringen.push({
        regel: 'milieuruimte', ernst: 'waarschuwing',
        tekst: `Nieuwe ${t.nieuwe_functie === 'wonen' ? 'woningen' : 'gemengde functies'} in ${t.naam} liggen binnen de richtafstand van ${aantal(m.kavels.features.length, 'kavel', 'kavels')}: ${cats} verliest milieuruimte.`,
        ids: { transformatie: [t.id], kavel: m.kavels.features.map((f) => f.id) },
      });
    }
  }

  const bestuursovereenkomsten = s.bestuursovereenkomsten.map((bo) => {
    const b = bijdrage(bo.kostenposten, bo.basis_pct);
    return {
      id: bo.id, naam: bo.naam, datum_ondertekening: bo.datum_ondertekening, partijen: bo.partijen,
      basis_pct: bo.basis_pct, subsidiabel: b.subsidiabel, bijdrage: b.bijdrage, maatwerk_bedrag: bo.maatwerk_bedrag,
      ids: { bestuursovereenkomst: [bo.id], kostenpost: bo.kostenposten.map((k) => k.id) },
    };
  });

  return {
    peildatum: opties.peildatum,
    tijdstip: opties.tijdstip,
    regio, per_gemeente, per_milieucategorie, plancapaciteit, vraag_aanbod, signaleringen, bestuursovereenkomsten,
  };
}
export type Balans = Awaited<ReturnType<typeof computeBalans>>;
