// How a company's space request is named where the company must stay anonymous.
const haNl = (ha: number) => (Math.round(ha * 10) / 10).toLocaleString('nl-NL', { maximumFractionDigits: 1 });

/** e.g. "Vraag 12 · 2,5 ha · cat. 4.1" — the size shown is the upper bound asked for. */
export function anonymousLabel(id: number, maxHa: number, milieucategorie: string): string {
  return `Vraag ${id} · ${haNl(maxHa)} ha · cat. ${milieucategorie}`;
}
