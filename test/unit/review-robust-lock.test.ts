// The embedded data folder's lock (issue 10, item 11): one owner at a time, a clear
// refusal naming the folder and the holder, and stale locks of dead processes taken over.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { LOCK_FILE, lockDataFolder } from '../../server/db/data-lock.ts';
import { StartupError } from '../../server/db/startup-error.ts';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'robust-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited (so no process has it now, barring reuse). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const writeLock = (dir: string, content: object) => writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(content));
const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'));

describe('data folder lock', () => {
  it('records the owner and refuses a second owner, naming the folder and the holding process', () => {
    const dir = folder();
    const lock = lockDataFolder(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    let error: unknown;
    try {
      lockDataFolder(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(`pid ${process.pid}`);
    expect((error as Error).message).toMatch(/PGLITE_DATA_DIR/);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir).release();
  });

  it('takes over the lock of a process that is gone', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), host: hostname(), sinds: '2026-01-01T00:00:00Z', opdracht: 'oud' });
    const lock = lockDataFolder(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    const dir = folder();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    lockDataFolder(dir).release();
  });

  it('respects a live holder, and its database child after the holder died', async () => {
    const dir = folder();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeLock(dir, { pid: other.pid, host: hostname(), sinds: '2026-01-01T00:00:00Z', opdracht: 'server/main.ts' });
      expect(() => lockDataFolder(dir)).toThrow(new RegExp(`pid ${other.pid}.*server/main\\.ts`));
      writeLock(dir, { pid: deadPid(), kindPid: other.pid, host: hostname(), sinds: '2026-01-01T00:00:00Z', opdracht: 'x' });
      expect(() => lockDataFolder(dir)).toThrow(StartupError);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    lockDataFolder(dir).release();
  }, 20_000);

  it('records the database child, and a release leaves another owner\'s lock alone', () => {
    const dir = folder();
    const lock = lockDataFolder(dir);
    lock.setChild(4242);
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, kindPid: 4242 });
    writeLock(dir, { pid: 1, host: 'elders', sinds: '2026-01-01T00:00:00Z', opdracht: 'x' });
    lock.release();
    expect(lockOf(dir).pid).toBe(1);
  });
});
