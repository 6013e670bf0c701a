// Generates the map's label fonts: MapLibre glyph ranges (signed distance fields in a
// protobuf, /glyphs/{fontstack}/{range}.pbf) for Noto Sans SemiBold and Bold, into
// geodata/glyphs/<font>/<start>-<end>.pbf (committed; server/tiles/glyphs.ts serves them).
//
//   npx tsx scripts/make-glyphs.ts
//
// The glyphs are drawn by @mapbox/tiny-sdf (MapLibre's own SDF generator for local
// fonts) in headless Chromium from the Noto Sans web fonts of @fontsource/noto-sans
// (SIL Open Font License 1.1, see geodata/SOURCES.md), with the metrics conventions of
// server glyphs (24 px, buffer 3, radius 8, cutoff 0.25), and written with pbf.
// Only code points the font's subsets cover are drawn; others stay out of the ranges.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PbfWriter } from 'pbf';
import { launchBrowser } from '../test/e2e/browser.ts';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(repoRoot, 'geodata', 'glyphs');
const FONTS = [{ name: 'Noto Sans SemiBold', weight: 600 }, { name: 'Noto Sans Bold', weight: 700 }];
const SUBSETS = ['latin', 'latin-ext'];
/** Basic Latin + Latin-1, Latin Extended-A and -B, spacing modifiers and combining marks, general punctuation and currency, letterlike symbols (other ranges are served empty). */
const RANGES = [0, 256, 512, 768, 8192, 8448];

interface Drawn {
  id: number;
  bitmap: number[];
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** The @font-face blocks of a weight: the woff2 file and the unicode-range of each subset. */
function faces(weight: number) {
  const dir = path.dirname(require.resolve('@fontsource/noto-sans/package.json'));
  const css = readFileSync(path.join(dir, `${weight}.css`), 'utf8');
  return SUBSETS.map((subset) => {
    const block = css.split('@font-face').find((b) => b.includes(`noto-sans-${subset}-${weight}-normal.woff2`));
    const range = block?.match(/unicode-range:\s*([^;]+);/)?.[1];
    if (!range) throw new Error(`geen @font-face voor ${subset} ${weight}`);
    const file = path.join(dir, 'files', `noto-sans-${subset}-${weight}-normal.woff2`);
    return { subset, range, woff2: readFileSync(file).toString('base64') };
  });
}

const covers = (ranges: string, cp: number) => ranges.split(',').some((r) => {
  const [a, b] = r.trim().replace(/^U\+/i, '').split('-').map((h) => parseInt(h, 16));
  return cp >= a && cp <= (b ?? a);
});

function encode(font: string, start: number, glyphs: Drawn[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_: unknown, p: PbfWriter) => {
    p.writeStringField(1, font);
    p.writeStringField(2, `${start}-${start + 255}`);
    for (const g of glyphs) {
      p.writeMessage(3, (_g: unknown, q: PbfWriter) => {
        q.writeVarintField(1, g.id);
        if (g.bitmap.length) q.writeBytesField(2, Uint8Array.from(g.bitmap));
        q.writeVarintField(3, g.width);
        q.writeVarintField(4, g.height);
        q.writeSVarintField(5, g.left);
        q.writeSVarintField(6, g.top);
        q.writeVarintField(7, g.advance);
      }, null);
    }
  }, null);
  return pbf.finish();
}

const tinySdf = readFileSync(require.resolve('@mapbox/tiny-sdf'), 'utf8')
  .replace('export default class TinySDF', 'class TinySDF') + '\nwindow.TinySDF = TinySDF;';

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: tinySdf });
  for (const font of FONTS) {
    const subsets = faces(font.weight);
    const family = `Glyphs${font.weight}`;
    await page.evaluate(async ({ family, subsets, weight }) => {
      for (const s of subsets) {
        const bytes = Uint8Array.from(atob(s.woff2), (ch) => ch.charCodeAt(0));
        const face = new FontFace(family, bytes, { weight: String(weight), unicodeRange: s.range });
        document.fonts.add(await face.load());
      }
    }, { family, subsets, weight: font.weight });
    const allRanges = subsets.map((s) => s.range).join(',');
    mkdirSync(path.join(OUT, font.name), { recursive: true });
    for (const start of RANGES) {
      const ids = Array.from({ length: 256 }, (_, i) => start + i).filter((cp) => cp >= 32 && !(cp >= 127 && cp < 160) && covers(allRanges, cp));
      const glyphs = await page.evaluate(({ family, weight, ids }) => {
        const W = window as unknown as { TinySDF: new (o: object) => { draw(c: string): Record<string, number> & { data: Uint8ClampedArray } } };
        const sdf = new W.TinySDF({ fontSize: 24, buffer: 3, radius: 8, cutoff: 0.25, fontFamily: family, fontWeight: String(weight) });
        return ids.map((id) => {
          const g = sdf.draw(String.fromCodePoint(id));
          // Server-glyph conventions (as MapLibre converts TinySDF's own metrics).
          return {
            id, bitmap: g.glyphWidth && g.glyphHeight ? Array.from(g.data) : [],
            width: g.glyphWidth, height: g.glyphHeight, left: Math.round(g.glyphLeft), top: Math.round(g.glyphTop - 27), advance: Math.round(g.glyphAdvance),
          };
        });
      }, { family, weight: font.weight, ids });
      const file = path.join(OUT, font.name, `${start}-${start + 255}.pbf`);
      writeFileSync(file, encode(font.name, start, glyphs));
      console.log(`${path.relative(repoRoot, file)}: ${glyphs.length} tekens`);
    }
  }
} finally {
  await browser.close();
}
