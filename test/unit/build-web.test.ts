// `npm start` rebuilds the web app only when its sources changed: the hash covers
// every source file's path and content, and a build without a stamp (or no build
// at all, as on a new machine) counts as out of date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtHash, sourceHash, writeStamp } from '../../scripts/build-web.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'build-web-'));
  mkdirSync(path.join(root, 'web/map'), { recursive: true });
  writeFileSync(path.join(root, 'web/main.tsx'), 'export const a = 1;\n');
  writeFileSync(path.join(root, 'web/map/MapView.tsx'), 'export const b = 2;\n');
  writeFileSync(path.join(root, 'vite.config.ts'), 'export default {};\n');
  writeFileSync(path.join(root, 'package-lock.json'), '{"packages":{"node_modules/maplibre-gl":{"version":"6.17.0"}}}\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the web sources hash', () => {
  it('stays the same while nothing changes', () => {
    expect(sourceHash(root)).toBe(sourceHash(root));
  });

  it('changes with a source file, the build configuration or a dependency version', () => {
    const before = sourceHash(root);
    writeFileSync(path.join(root, 'web/map/MapView.tsx'), 'export const b = 3;\n');
    const edited = sourceHash(root);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(root, 'vite.config.ts'), 'export default { base: "/" };\n');
    expect(sourceHash(root)).not.toBe(edited);
    const config = sourceHash(root);
    writeFileSync(path.join(root, 'package-lock.json'), '{"packages":{"node_modules/maplibre-gl":{"version":"6.18.0"}}}\n');
    expect(sourceHash(root)).not.toBe(config);
  });

  it('changes when a file is added or renamed, even with the same content', () => {
    const before = sourceHash(root);
    renameSync(path.join(root, 'web/main.tsx'), path.join(root, 'web/index.tsx'));
    const renamed = sourceHash(root);
    expect(renamed).not.toBe(before);
    writeFileSync(path.join(root, 'web/map/extra.ts'), '');
    expect(sourceHash(root)).not.toBe(renamed);
  });
});

describe('the build stamp', () => {
  it('is missing on a new machine and after a build without a stamp', () => {
    const out = path.join(root, 'dist/web');
    expect(builtHash(out)).toBeNull();
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    expect(builtHash(out)).toBeNull();
  });

  it('names the sources of the build, as long as the build is there', () => {
    const out = path.join(root, 'dist/web');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    writeStamp(out, sourceHash(root));
    expect(builtHash(out)).toBe(sourceHash(root));
    rmSync(path.join(out, 'index.html'));
    expect(builtHash(out)).toBeNull();
  });
});
