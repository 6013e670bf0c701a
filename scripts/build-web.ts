// Builds the web app (vite) into dist/web, but at `npm start` only when its sources
// changed since the last build: the build leaves a stamp with the hash of its sources
// in dist/web, and a start whose sources hash the same skips the 7–14 s build. A new
// machine (no dist/web) always builds.
//
//   tsx scripts/build-web.ts          # build when needed (prestart)
//   tsx scripts/build-web.ts --always # build regardless (npm run build)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';

/** What the built app depends on: its sources, the build's configuration and the exact dependency versions. */
const SOURCES = ['web', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function files(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).sort().flatMap((name) => files(root, path.join(entry, name)));
}

/** Hash of the web sources under `root`: every file's path and content. */
export function sourceHash(root = repoRoot): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((entry) => files(root, entry))) {
    hash.update(file.split(path.sep).join('/')).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** The hash the build in `outDir` was made from, or null (no build, or one without a stamp). */
export function builtHash(outDir: string): string | null {
  if (!existsSync(path.join(outDir, 'index.html')) || !existsSync(path.join(outDir, STAMP))) return null;
  try {
    return (JSON.parse(readFileSync(path.join(outDir, STAMP), 'utf8')) as { bronnen?: string }).bronnen ?? null;
  } catch {
    return null;
  }
}

/** Records in `outDir` which sources it was built from. */
export function writeStamp(outDir: string, hash: string): void {
  writeFileSync(path.join(outDir, STAMP), `${JSON.stringify({ bronnen: hash, gebouwd: new Date().toISOString() })}\n`);
}

/** Builds when needed (or always); returns whether it built. */
export async function buildWeb(options: { always?: boolean } = {}): Promise<boolean> {
  const outDir = path.join(repoRoot, 'dist/web');
  const hash = sourceHash();
  if (!options.always && builtHash(outDir) === hash) {
    console.log('Webapp is actueel (bronnen ongewijzigd sinds de vorige build).');
    return false;
  }
  console.log(options.always ? 'Webapp bouwen…' : 'Webapp bouwen (bronnen gewijzigd of nog geen build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: options.always ? 'info' : 'warn' });
  writeStamp(outDir, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWeb({ always: process.argv.includes('--always') });
}
