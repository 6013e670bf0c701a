// Which gemeente a drawn transformatie or compensatie belongs to. The geometry
// decides (the gemeente with the largest share); where the polygon spans two or
// more gemeenten the werkgroep may pick another one of those, never one the
// polygon does not touch. A redrawn record keeps its gemeente while the new shape
// still lies (partly) in it, so a manual choice survives a vertex edit.

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
