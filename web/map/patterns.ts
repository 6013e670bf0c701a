// Hatch patterns drawn in code: the basemap has no sprite, and a generated
// image avoids shipping one for two patterns.
import type { Map as MapLibreMap } from 'maplibre-gl';

export const HATCH_KANSZONE = 'hatch-kanszone';
export const HATCH_TRANSFORMATIE = 'hatch-transformatie';

/** Diagonal (/) lines, `size` px square at pixelRatio 2, antialiased. */
function diagonalHatch(color: string, size = 24, lineWidth = 2.2, alpha = 0.85): { width: number; height: number; data: Uint8Array } {
  const n = parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance to the nearest line x + y ≡ 0 (mod size), measured perpendicular.
      const k = (x + y + 0.5) % size;
      const d = Math.min(k, size - k) / Math.SQRT2;
      const coverage = Math.max(0, Math.min(1, lineWidth / 2 + 0.5 - d));
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = Math.round(255 * alpha * coverage);
    }
  }
  return { width: size, height: size, data };
}

export function addPatterns(map: MapLibreMap, colors: { kanszone: string; transformatie: string }): void {
  if (!map.hasImage(HATCH_KANSZONE)) map.addImage(HATCH_KANSZONE, diagonalHatch(colors.kanszone), { pixelRatio: 2 });
  if (!map.hasImage(HATCH_TRANSFORMATIE)) {
    map.addImage(HATCH_TRANSFORMATIE, diagonalHatch(colors.transformatie, 20, 1.8, 0.55), { pixelRatio: 2 });
  }
}
