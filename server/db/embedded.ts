// Starts the embedded database process and returns a connection string for it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const childScript = fileURLToPath(new URL('./embedded-process.ts', import.meta.url));

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const child: ChildProcess = fork(childScript, [], {
    env: { ...process.env, PGLITE_DATA_DIR: path.resolve(dataDir) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`embedded database exited with code ${code}`)));
    child.on('message', (msg: { type?: string; port?: number }) => {
      if (msg?.type === 'ready' && typeof msg.port === 'number') resolve(msg.port);
    });
  });
  child.removeAllListeners('exit');

  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
