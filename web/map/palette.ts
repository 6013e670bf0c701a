// Colours of the map. Kavels are coloured by milieucategorie on a sequential
// multi-hue scale, pale yellow through green and blue to a dark purple (the Dutch zoning
// colour for "Bedrijf", IMRO): light → dark reads as light → heavy industry, no step is
// red or orange (the transformaties and kanszones), and because the hue turns as the lightness falls, neighbouring categories differ by
// at least ΔE*ab 12 (test/unit/readability-palette.test.ts; a single-hue ramp made
// 4.1, 4.2 and 5.1 look alike). Up to ten categories take distinct steps of the
// scale; a longer list (a future zone system) is interpolated along it.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Milieucategorie } from '../api/layers.ts';

/** Ten steps in CIELAB: lightness 95 → 15, hue turning from yellow through green and blue to purple. */
const STAPPEN = ['#fcf2bb', '#c7e0a1', '#8ecd9a', '#5bb79d', '#1a9f9e', '#0087a1', '#006ea3', '#00539d', '#073480', '#37154e'];
const RAMP = STAPPEN;

export const colors = {
  ink: '#1f2933',
  gemeenteLine: '#4b5563',
  terreinLine: '#334155',
  terreinFill: '#64748b',
  kavelLine: '#3b2a55',
  kanszone: '#b45309',
  transformatie: '#c0392b',
  compensatie: '#2e7d4f',
  selected: '#0b5cad',
  inOptie: '#e8590c',
  unknownCategory: '#c9c9c9',
} as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Colour at position f ∈ [0, 1] along the ramp (linear in RGB between stops). */
export function rampColor(f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const a = hexToRgb(RAMP[i]);
  const b = hexToRgb(RAMP[i + 1]);
  const w = x - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w, a[2] + (b[2] - a[2]) * w]);
}

/** Category code → colour, in the API's order (volgorde). */
export function categoryColors(categories: Milieucategorie[]): Map<string, string> {
  const sorted = [...categories].sort((a, b) => a.volgorde - b.volgorde);
  const n = sorted.length;
  if (n <= STAPPEN.length) {
    // Evenly spread over the steps, so a short list keeps at least the neighbours' difference.
    return new Map(sorted.map((c, i) => [c.code, STAPPEN[n <= 1 ? STAPPEN.length - 1 : Math.round((i * (STAPPEN.length - 1)) / (n - 1))]]));
  }
  return new Map(sorted.map((c, i) => [c.code, rampColor(i / (n - 1))]));
}

/** A `match` expression colouring by a category code property. */
export function categoryColorExpression(categories: Milieucategorie[], property: string): ExpressionSpecification | string {
  const pairs = [...categoryColors(categories)].flat();
  if (pairs.length === 0) return colors.unknownCategory;
  // The tuple type of `match` cannot express a runtime-length list of pairs.
  return ['match', ['coalesce', ['get', property], ''], ...pairs, colors.unknownCategory] as unknown as ExpressionSpecification;
}
