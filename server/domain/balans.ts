// Pure rules of the hectare monitor: demand against supply, volgtijdelijkheid,
// restant and the other signaleringen. Fed by PostGIS measurements (server/balans).
import { datumLang } from './dates.ts';

export interface Bereik {
  min: number;
  max: number;
}

export interface Vraagraming {
  soort: 'uitbreidingsvraag' | 'vervangingsvraag';
  netto_ha_min: number;
  netto_ha_max: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Demand as the region states it (C7): the uitbreidingsvraag range plus the maximum
 * vervangingsvraag on both bounds (13–68 + 29 = 42–97 ha).
 */
export function totaleVraag(ramingen: readonly Vraagraming[]): Bereik {
  const uitbreiding = ramingen.filter((r) => r.soort === 'uitbreidingsvraag');
  const vervangingMax = ramingen.filter((r) => r.soort === 'vervangingsvraag').reduce((s, r) => s + r.netto_ha_max, 0);
  return {
    min: round(uitbreiding.reduce((s, r) => s + r.netto_ha_min, 0) + vervangingMax),
    max: round(uitbreiding.reduce((s, r) => s + r.netto_ha_max, 0) + vervangingMax),
  };
}

/** Shortfall (positive) or surplus (negative) of a supply against a demand range. */
export function tekort(vraag: Bereik, aanbodHa: number): Bereik {
  return { min: round(vraag.min - aanbodHa), max: round(vraag.max - aanbodHa) };
}

// Formatters made once: toLocaleString per call costs tens of microseconds, and a
// national balance formats thousands of signaleringen.
const getal1 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const haKort = (x: number) => `${getal1.format(x)} ha`;

/**
 * A shortfall range in words, never as signed numbers: "tekort van 36 tot 91 ha",
 * "van 5 ha overschot tot 50 ha tekort", "overschot van 3 tot 8 ha".
 */
export function tekortInWoorden(t: Bereik): string {
  // Rounded to 0,1 ha away from zero on a half, as shown (−8,25 → 8,3 ha overschot).
  const r1 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10 + 0;
  const min = r1(t.min);
  const max = r1(t.max);
  if (min >= 0) {
    if (max === 0) return 'geen tekort';
    return min === max ? `tekort van ${haKort(min)}` : `tekort van ${getal1.format(min)} tot ${haKort(max)}`;
  }
  if (max <= 0) {
    return min === max ? `overschot van ${haKort(-min)}` : `overschot van ${getal1.format(-max)} tot ${haKort(-min)}`;
  }
  return `van ${haKort(-min)} overschot tot ${haKort(max)} tekort`;
}

export interface Toewijzing {
  id: number;
  compensatie_id: number;
  hectares: number;
  compensatie_gemeente_id: number;
  besluitpunt_datum: string | null;
  bestuursovereenkomst_id: number | null;
  bo_datum_ondertekening: string | null;
}

/** A transformatie as the volgtijdelijkheid and restant rules judge it. */
export interface TransformatieStand {
  id: number;
  naam: string;
  gemeente_id: number;
  gemeente: string;
  /** Stage on the peildatum (server/domain/kpi.ts faseOp). */
  fase: 'voorgenomen' | 'in_procedure' | 'planologisch_verloren';
  datum_terinzagelegging: string | null;
  vereist_ha: number;
}

/**
 * Is this allocation "geregeld" for a transformatie (R-V2, R-V3)? Inside the gemeente a
 * besluitpunt dated no later than the terinzagelegging; elsewhere a bestuursovereenkomst
 * signed no later than it.
 */
export function isGeregeld(t: TransformatieStand, tw: Toewijzing): boolean {
  if (!t.datum_terinzagelegging) return false;
  if (tw.compensatie_gemeente_id === t.gemeente_id) {
    return tw.besluitpunt_datum !== null && tw.besluitpunt_datum <= t.datum_terinzagelegging;
  }
  return tw.bo_datum_ondertekening !== null && tw.bo_datum_ondertekening <= t.datum_terinzagelegging;
}

export interface Signalering {
  regel: string;
  ernst: 'fout' | 'waarschuwing';
  tekst: string;
  ids: Record<string, number[]>;
}

const getalEen = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ha = (x: number) => `${getalEen.format(x)} ha`;

/** R-V1: at terinzagelegging all required hectares must be geregeld. */
export function volgtijdelijkheid(t: TransformatieStand, toewijzingen: readonly Toewijzing[]): Signalering | null {
  if (t.fase === 'voorgenomen' || !t.datum_terinzagelegging || t.vereist_ha <= 0.005) return null;
  const geregeld = toewijzingen.filter((tw) => isGeregeld(t, tw));
  const geregeldHa = geregeld.reduce((s, tw) => s + tw.hectares, 0);
  if (geregeldHa + 0.005 >= t.vereist_ha) return null;
  const nietGeregeld = toewijzingen.filter((tw) => !isGeregeld(t, tw));
  return {
    regel: 'R-V1',
    ernst: 'fout',
    tekst: `${t.naam} (${t.gemeente}) lag op ${datumLang(t.datum_terinzagelegging)} ter inzage, maar van de vereiste ${ha(t.vereist_ha)} ` +
      `compensatie was toen ${ha(geregeldHa)} geregeld (binnen de gemeente een besluitpunt, elders een getekende bestuursovereenkomst, uiterlijk op die datum).`,
    ids: {
      transformatie: [t.id],
      compensatie: [...new Set(nietGeregeld.map((tw) => tw.compensatie_id))],
      compensatie_toewijzing: nietGeregeld.map((tw) => tw.id),
    },
  };
}

/** R-C6: a restant once the plan is at or past terinzagelegging is the transforming gemeente's task. */
export function restant(t: { id: number; naam: string; gemeente: string; restant_ha: number }): Signalering | null {
  if (t.restant_ha <= 0.005) return null;
  return {
    regel: 'R-C6',
    ernst: 'fout',
    tekst: `Voor ${t.naam} (${t.gemeente}) is nog ${ha(t.restant_ha)} niet gecompenseerd; ${t.gemeente} moet voor dit restant een oplossing vinden.`,
    ids: { transformatie: [t.id] },
  };
}

/** More allocated to a transformatie than it loses: the surplus counts nowhere. */
export function overtoewijzing(t: { id: number; naam: string; overtoewijzing_ha: number; toewijzing_ids: number[] }): Signalering | null {
  if (t.overtoewijzing_ha <= 0.005) return null;
  return {
    regel: 'toewijzing',
    ernst: 'waarschuwing',
    tekst: `Aan ${t.naam} is ${ha(t.overtoewijzing_ha)} meer compensatie toegewezen dan er netto verloren gaat; dat deel telt nergens mee.`,
    ids: { transformatie: [t.id], compensatie_toewijzing: t.toewijzing_ids },
  };
}

/** PostGIS could not compute the netto verloren of a transformatie: it counts as 0 until redrawn. */
export function nietBerekend(t: { id: number; naam: string }): Signalering {
  return {
    regel: 'berekening',
    ernst: 'fout',
    tekst: `De netto verloren hectares van ${t.naam} konden niet worden berekend (de vormen overlappen te nauw); ze tellen als 0 ha. Vereenvoudig het vlak.`,
    ids: { transformatie: [t.id] },
  };
}

export interface MilieuruimteConflict {
  transformatie_id: number;
  naam: string;
  nieuwe_functie: 'wonen' | 'gemengd';
  kavels: number[];
  per_categorie: { milieucategorie: string; ha: number }[];
}

/** Housing (or a mixed area) within the guide distance of kavels takes their milieuruimte. */
export function milieuruimte(m: MilieuruimteConflict): Signalering {
  const cats = m.per_categorie.map((p) => `cat. ${p.milieucategorie} ${haKort(p.ha)}`).join(', ');
  const aantal = m.kavels.length === 1 ? '1 kavel' : `${m.kavels.length} kavels`;
  return {
    regel: 'milieuruimte', ernst: 'waarschuwing',
    tekst: `Nieuwe ${m.nieuwe_functie === 'wonen' ? 'woningen' : 'gemengde functies'} in ${m.naam} liggen binnen de richtafstand van ${aantal}: ${cats} verliest milieuruimte.`,
    ids: { transformatie: [m.transformatie_id], kavel: m.kavels },
  };
}

/** R-C3: compensation belongs in one of the six gemeenten. */
export function compensatieBuitenRegio(c: { id: number; naam: string }): Signalering {
  return {
    regel: 'R-C3',
    ernst: 'fout',
    tekst: `Compensatie ${c.naam} ligt (deels) buiten de zes gemeenten van Economie071.`,
    ids: { compensatie: [c.id] },
  };
}

/** R-T2 / R-T5: no transformation on matig gedifferentieerde or 'niet te transformeren' terrains before the horizon. */
export function beschermdTerrein(
  t: { id: number; naam: string },
  terrein: { id: number; naam: string; typologie: string; niet_te_transformeren: boolean },
  peildatum: string,
  horizon: string,
): Signalering | null {
  if (terrein.niet_te_transformeren) {
    return {
      regel: 'R-T5', ernst: 'fout',
      tekst: `${t.naam} ligt op ${terrein.naam}, dat de provincie als niet te transformeren heeft aangewezen.`,
      ids: { transformatie: [t.id], terrein: [terrein.id] },
    };
  }
  if (terrein.typologie === 'matig_gedifferentieerd' && peildatum < horizon) {
    return {
      regel: 'R-T2', ernst: 'fout',
      tekst: `${t.naam} ligt op ${terrein.naam}, een matig gedifferentieerd terrein; tot ${datumLang(horizon)} wordt daar niet getransformeerd.`,
      ids: { transformatie: [t.id], terrein: [terrein.id] },
    };
  }
  return null;
}
