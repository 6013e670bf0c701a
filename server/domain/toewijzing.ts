// A toewijzing of compensatie hectares to a transformatie may refer to the
// bestuursovereenkomst that arranges it (R-V3): an agreement "tussen de beide
// gemeenten", so both the transformatie's and the compensatie's gemeente are parties.
import { opsomming, woord } from './nl-tekst.ts';

export interface Gemeente {
  id: number;
  naam: string;
}

export type BoPast = { ok: true } | { ok: false; code: 'bestuursovereenkomst_partijen'; message: string; ontbrekend: number[] };

/** Does an agreement with these parties fit a toewijzing between these gemeenten? */
export function bestuursovereenkomstPast(
  bo: { naam: string; partijen: number[] }, transformerend: Gemeente, compenserend: Gemeente,
): BoPast {
  const nodig = transformerend.id === compenserend.id ? [transformerend] : [transformerend, compenserend];
  const ontbrekend = nodig.filter((g) => !bo.partijen.includes(g.id));
  if (ontbrekend.length === 0) return { ok: true };
  const namen = opsomming(ontbrekend.map((g) => g.naam));
  return {
    ok: false, code: 'bestuursovereenkomst_partijen', ontbrekend: ontbrekend.map((g) => g.id),
    message: `${namen} ${woord(ontbrekend.length, 'is', 'zijn')} geen partij bij bestuursovereenkomst ${bo.naam}. ` +
      `Een toewijzing van ${compenserend.naam} aan ${transformerend.naam} hoort bij een overeenkomst tussen die ` +
      `${woord(nodig.length, 'gemeente', 'twee gemeenten')}.`,
  };
}
