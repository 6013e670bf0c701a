// Global setup of the browser suite: the real server (`server/main.ts`) on a free
// port with a fresh embedded database, serving the production build in dist/web.
import type { TestProject } from 'vitest/node';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** Demo accounts of the e2e server, one per role: e-mail, password and (beheerder, regisseur) TOTP secret. */
    accounts: { email: string; wachtwoord: string; rol: string; gemeente?: string; totp?: string }[];
  }
}

export default async function setup(project: TestProject) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    if (process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}; CI must install it (apt-get install chromium).`);
    console.warn(`\n[e2e] Chromium not found at ${chromiumPath}: browser tests are skipped. Install it with 'apt-get install chromium'.\n`);
    project.provide('chromiumPath', '');
    project.provide('baseUrl', '');
    project.provide('accounts', []);
    return;
  }
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build` first.');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'schuifruimte-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', PGLITE_DATA_DIR: path.join(dataDir, 'pglite'), DATABASE_URL: '',
      DEMO_ACCOUNTS_FILE: path.join(dataDir, 'demo-accounts.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/draait op (http:\/\/\S+?)\/?\s/);
      if (match) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited with code ${code}:\n${output}`)));
  });
  project.provide('baseUrl', baseUrl);
  project.provide('chromiumPath', chromiumPath);
  project.provide('accounts', JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')));

  return async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
