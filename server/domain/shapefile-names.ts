// A Shapefile's dBASE table allows field names of at most 10 ASCII characters. Our
// attribute names are longer (milieucategorie_max), so an export shortens them
// deterministically, keeps them unique (dBASE ignores case) and lists the mapping.

export const DBF_MAX = 10;

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_]/g, '_');

/** Original name → short name, in the order given. */
export function kortVeldnamen(namen: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const naam of namen) {
    const base = ascii(naam) || 'veld';
    let kort = base.slice(0, DBF_MAX);
    for (let i = 1; used.has(kort.toLowerCase()); i++) {
      const suffix = `_${i}`;
      kort = base.slice(0, DBF_MAX - suffix.length) + suffix;
    }
    used.add(kort.toLowerCase());
    result.set(naam, kort);
  }
  return result;
}

/** The text file in the zip that says which short name is which attribute. */
export function veldnamenTekst(kort: Map<string, string>): string {
  const regels = [...kort].map(([lang, k]) => `${k.padEnd(DBF_MAX)}  ${lang}`);
  return ['Veldnamen in deze Shapefile (dBASE staat maximaal 10 tekens toe):', '', 'kort        volledig', ...regels, ''].join('\r\n');
}
