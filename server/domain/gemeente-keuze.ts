// Where a drawn polygon may go and which gemeente it belongs to.
//  - The geometry decides the gemeente (the one with the largest share); where the
//    polygon spans two or more gemeenten another one of those may be picked, never one
//    the polygon does not touch. A redrawn record keeps its gemeente while the new
//    shape still lies (partly) in it, so a manual choice survives a vertex edit.
//  - A werkgroep member creates or reshapes a polygon only where its own gemeente
//    holds the largest part; a polygon without one largest part goes to the regisseur.
//  - A kavel lies within its terrein.
import { haNl, opsomming } from './nl-tekst.ts';

export interface GemeenteInVlak {
  id: number;
  naam: string;
  /** Area of the polygon inside this gemeente, ha (RD New). */
  ha: number;
}

export type GemeenteKeuze =
  | { ok: true; gemeente_id: number }
  | { ok: false; code: 'buiten_regio' | 'gemeente_buiten_vlak'; message: string };

/** `onder` is ordered largest share first (as gemeentenInVlak returns it). */
export function kiesGemeente(onder: GemeenteInVlak[], gevraagd?: number, huidig?: number): GemeenteKeuze {
  if (onder.length === 0) {
    return { ok: false, code: 'buiten_regio', message: 'Het vlak ligt buiten de zes gemeenten van de regio.' };
  }
  if (gevraagd !== undefined) {
    if (onder.some((g) => g.id === gevraagd)) return { ok: true, gemeente_id: gevraagd };
    const namen = onder.map((g) => g.naam).join(' of ');
    return { ok: false, code: 'gemeente_buiten_vlak', message: `Het vlak ligt niet in de gekozen gemeente; kies ${namen}.` };
  }
  if (huidig !== undefined && onder.some((g) => g.id === huidig)) return { ok: true, gemeente_id: huidig };
  return { ok: true, gemeente_id: onder[0].id };
}

/** Shares closer than this (ha; 1 m², the precision of gemeenten_onder) count as equal. */
export const GELIJK_DEEL_HA = 0.0001;

export type Tekenrecht = { ok: true } | { ok: false; code: 'andere_gemeente'; message: string };

/** "Katwijk 43,88 ha, Oegstgeest 17,40 ha en Leiden 0,38 ha", largest first. */
export const verdeling = (onder: GemeenteInVlak[]) =>
  opsomming([...onder].sort((a, b) => b.ha - a.ha).map((g) => `${g.naam} ${haNl(g.ha)}`));

/**
 * May a werkgroep member of gemeente `eigen` create or reshape a polygon with these
 * shares? Only when its own gemeente holds the largest part, alone. (A polygon outside
 * the region is refused elsewhere, as buiten_regio.) `wat` names the shape in the message.
 */
export function werkgroepMagTekenen(onder: GemeenteInVlak[], eigen: number, wat = 'Dit vlak'): Tekenrecht {
  if (onder.length === 0) return { ok: true };
  const sorted = [...onder].sort((a, b) => b.ha - a.ha);
  const grootste = sorted.filter((g) => sorted[0].ha - g.ha < GELIJK_DEEL_HA);
  if (grootste.length === 1 && grootste[0].id === eigen) return { ok: true };
  const message = grootste.length > 1
    ? `${wat} ligt voor gelijke delen in ${opsomming(grootste.map((g) => g.naam))} (${verdeling(onder)}). ` +
      'Een vlak zonder één grootste gemeente legt de regisseur vast.'
    : `${wat} ligt grotendeels in ${grootste[0].naam} (${verdeling(onder)}). ` +
      'U mag alleen vlakken tekenen of wijzigen waarvan het grootste deel in uw eigen gemeente ligt; vraag anders de regisseur.';
  return { ok: false, code: 'andere_gemeente', message };
}

/** A part of a kavel outside its terrein larger than this (m²) is real, not a shared edge on the 1 mm grid. */
export const KAVEL_BUITEN_TERREIN_M2 = 1;

export type KavelPlaats = { ok: true } | { ok: false; code: 'kavel_buiten_terrein'; message: string };

/** A kavel lies within its terrein: `buiten_m2` is the area of the kavel outside it. */
export function kavelBinnenTerrein(buiten_m2: number, terrein: { id: number; naam: string | null }): KavelPlaats {
  if (buiten_m2 <= KAVEL_BUITEN_TERREIN_M2) return { ok: true };
  return {
    ok: false, code: 'kavel_buiten_terrein',
    message: `De kavel ligt voor ${haNl(buiten_m2 / 10_000)} buiten terrein ${terrein.naam ?? `#${terrein.id}`}. ` +
      'Een kavel ligt helemaal binnen zijn terrein: teken hem binnen de grens van het terrein of kies het terrein waar hij op ligt.',
  };
}
