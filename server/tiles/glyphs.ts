// The map's label fonts, offline: signed-distance-field glyph ranges (MapLibre's
// /glyphs/{fontstack}/{range}.pbf) generated from Noto Sans by scripts/make-glyphs.ts
// into geodata/glyphs/<font>/<start>-<end>.pbf (licence in geodata/SOURCES.md). A font
// stack names fonts by preference ("Noto Sans Bold,Arial Unicode MS Bold"): the first
// one we have is served, else our regular weight, so a configured basemap style (e.g.
// PDOK's) still gets its labels. Public, like the basemap; compressed once, in memory.
import type { Context } from 'hono';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseEncoding, type Encoding } from '../http/compression.ts';
import { errorBody } from '../http/errors.ts';
import { CACHE_BASEMAP } from '../http/static-files.ts';

export const GLYPH_FONTS = ['Noto Sans SemiBold', 'Noto Sans Bold'] as const;
/** Served for a font stack we do not have. */
export const FALLBACK_FONT = 'Noto Sans SemiBold';

const RANGE = /^(\d{1,5})-(\d{1,5})\.pbf$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export function glyphRoute(glyphDir: string) {
  const have = new Set(readdirSync(glyphDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
  const cache = new Map<string, Promise<Record<'raw' | Encoding, Buffer> | null>>();

  const load = (file: string) => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file).then(async (raw) => ({
        raw,
        br: await brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        gzip: await gz(raw, { level: 9 }),
      }), () => null);
      cache.set(file, entry);
    }
    return entry;
  };

  return async (c: Context) => {
    const range = RANGE.exec(c.req.param('range') ?? '');
    const font = (c.req.param('fontstack') ?? '').split(',').map((f) => f.trim()).find((f) => have.has(f)) ?? FALLBACK_FONT;
    const missing = () => c.json(errorBody('niet_gevonden', 'Dit lettertypebereik bestaat niet.'), 404);
    if (!range || Number(range[1]) % 256 !== 0 || Number(range[2]) !== Number(range[1]) + 255) return missing();
    const glyphs = await load(path.join(glyphDir, font, range[0]));
    c.header('Cache-Control', CACHE_BASEMAP);
    // A script we have no glyphs for: an empty range (the characters are left out), not an error.
    if (!glyphs) return c.body(new Uint8Array(0), 200, { 'Content-Type': 'application/x-protobuf' });
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    c.header('Content-Type', 'application/x-protobuf');
    c.header('Vary', 'Accept-Encoding');
    if (encoding) c.header('Content-Encoding', encoding);
    const body = encoding ? glyphs[encoding] : glyphs.raw;
    return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, 200);
  };
}
