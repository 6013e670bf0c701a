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

export interface Toewijzing {
  id: number;
  compensatie_id: number;
  hectares: number;
  compensatie_gemeente_id: number;
  besluitpunt_datum: string | null;
  bestuursovereenkomst_id: number | null;
  bo_datum_ondertekening: string | null;
}

export interface TransformatieStand {
  id: number;
  naam: string;
  gemeente_id: number;
  gemeente: string;
  status: string;
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

const ha = (x: number) => `${x.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ha`;

/** R-V1: at terinzagelegging all required hectares must be geregeld. */
export function volgtijdelijkheid(t: TransformatieStand, toewijzingen: readonly Toewijzing[], vanafTerinzage: readonly string[]): Signalering | null {
  if (!vanafTerinzage.includes(t.status) || !t.datum_terinzagelegging || t.vereist_ha <= 0.005) return null;
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
export function restant(t: TransformatieStand, toegewezenHa: number, vanafTerinzage: readonly string[]): Signalering | null {
  const rest = t.vereist_ha - toegewezenHa;
  if (!vanafTerinzage.includes(t.status) || rest <= 0.005) return null;
  return {
    regel: 'R-C6',
    ernst: 'fout',
    tekst: `Voor ${t.naam} (${t.gemeente}) is nog ${ha(rest)} niet gecompenseerd; ${t.gemeente} moet voor dit restant een oplossing vinden.`,
    ids: { transformatie: [t.id] },
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
