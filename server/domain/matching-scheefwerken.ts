// Scheefwerken (domain brief §1.5, C14): a company whose activity needs a far lower
// milieucategorie than its plot allows occupies scarce heavy space; moving it to a
// mixed area would free schuifruimte. Thresholds come from `matching_instelling`.
import { aantal } from './nl-tekst.ts';

export interface ScheefwerkenInput {
  /** `milieucategorie.volgorde` of the company's activity. */
  activiteit: number;
  activiteit_code: string;
  kavel_max: number;
  kavel_max_code: string;
  /** Minimum of the kavel, else of its terrein (volgorde); null when none. */
  minimum: number | null;
  minimum_code: string | null;
  watergebonden: boolean;
}

export interface ScheefwerkenDrempels {
  /** Signal when kavel max − activity ≥ this many steps. */
  drempel_stappen: number;
  /** Signal a watergebonden kavel used by an activity up to this volgorde. */
  lichte_categorie: number;
}

export interface ScheefwerkenSignaal {
  stappen_onder_max: number;
  redenen: string[];
}

/** The signal for one company on one kavel, or null when its use fits the plot. */
export function scheefwerken(i: ScheefwerkenInput, d: ScheefwerkenDrempels): ScheefwerkenSignaal | null {
  const stappen = i.kavel_max - i.activiteit;
  const redenen: string[] = [];
  if (stappen >= d.drempel_stappen) {
    redenen.push(`Activiteit (cat. ${i.activiteit_code}) ligt ${aantal(stappen, 'stap', 'stappen')} onder wat de kavel toelaat (cat. ${i.kavel_max_code}); drempel ${d.drempel_stappen}.`);
  }
  if (i.minimum !== null && i.activiteit < i.minimum) {
    redenen.push(`Activiteit (cat. ${i.activiteit_code}) is lichter dan het minimum van de locatie (cat. ${i.minimum_code}).`);
  }
  if (i.watergebonden && i.activiteit <= d.lichte_categorie) {
    redenen.push(`Lichte activiteit (cat. ${i.activiteit_code}) op een watergebonden kavel.`);
  }
  return redenen.length ? { stappen_onder_max: stappen, redenen } : null;
}
