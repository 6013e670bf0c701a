// Cost sharing under a bestuursovereenkomst (C9, R-K2..R-K4): the transforming
// gemeente pays `basisPct` (in principle 50 %) of the compensating gemeente's costs
// for making the site planologically possible. Only research and plan-making costs
// are eligible; the realisation phase and other costs are not (they belong to maatwerk,
// which is agreed and shown separately).

export const KOSTEN_CATEGORIEEN = [
  'onderzoek',
  'nota_van_uitgangspunten',
  'locatiekeuze',
  'programma_van_eisen',
  'ontwerp_plan',
  'realisatie',
  'overig',
] as const;
export type KostenCategorie = (typeof KOSTEN_CATEGORIEEN)[number];

/** The categories the basisafspraak covers [000:672-675]. */
export const SUBSIDIABELE_CATEGORIEEN: readonly KostenCategorie[] = [
  'onderzoek',
  'nota_van_uitgangspunten',
  'locatiekeuze',
  'programma_van_eisen',
  'ontwerp_plan',
];

export interface Kostenpost {
  categorie: string;
  bedrag: number;
}

export const isSubsidiabel = (categorie: string) => (SUBSIDIABELE_CATEGORIEEN as readonly string[]).includes(categorie);

const cents = (euro: number) => Math.round(euro * 100);

/**
 * The eligible total and the transforming gemeente's contribution, in euro (rounded to cents).
 * basisPct is a percentage (50 = half).
 */
export function bijdrage(kostenposten: readonly Kostenpost[], basisPct = 50): { subsidiabel: number; bijdrage: number } {
  if (!Number.isFinite(basisPct) || basisPct < 0 || basisPct > 100) throw new RangeError('basisPct moet tussen 0 en 100 liggen');
  let subsidiabelCents = 0;
  for (const post of kostenposten) {
    if (!Number.isFinite(post.bedrag) || post.bedrag < 0) throw new RangeError('een bedrag moet een niet-negatief getal zijn');
    if (isSubsidiabel(post.categorie)) subsidiabelCents += cents(post.bedrag);
  }
  return { subsidiabel: subsidiabelCents / 100, bijdrage: Math.round((subsidiabelCents * basisPct) / 100) / 100 };
}
