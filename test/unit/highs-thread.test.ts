// HiGHS in its worker thread: the same answer as in-process HiGHS, a failed
// solve reported in Dutch, and a fresh worker after the old one stopped.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import highsLoader from 'highs';
import { bouwModel, highsOpties, solveRegio, uitOplossing, type HighsLike, type RegioInstance } from '../../server/domain/matching-solver.ts';
import { solveInThread, stopSolverThread } from '../../server/matching/highs-thread.ts';

afterAll(() => stopSolverThread());

// A beats greedy when it takes its second choice: the optimum is A→2, B→1.
const instance: RegioInstance = {
  vragen: [{ id: 1, voorrang: false, huidige_kavel_id: null }, { id: 2, voorrang: true, huidige_kavel_id: null }],
  opties: [{ vraag_id: 1, kavel_ids: [1], score: 90 }, { vraag_id: 1, kavel_ids: [2], score: 80 }, { vraag_id: 2, kavel_ids: [1], score: 85 }],
  voorwaardelijk: new Map(), voorrang_factor: 1.5,
};

describe('HiGHS worker thread', () => {
  it('solves the regional model exactly like HiGHS in-process', async () => {
    const highs = await (highsLoader as unknown as () => Promise<HighsLike>)();
    const { lp, variabelen } = bouwModel(instance);
    const viaThread = uitOplossing(instance, variabelen, await solveInThread(lp, highsOpties(5)), 0);
    const inProcess = solveRegio(highs, instance);
    expect(viaThread.toewijzingen).toEqual(inProcess.toewijzingen);
    expect(viaThread.doelwaarde).toBe(80 + 85 * 1.5);
  });

  it('reports a model HiGHS cannot read, and keeps working afterwards', async () => {
    await expect(solveInThread('Maximize\n obj: x +\nSubject To\n c1: x <=\nEnd', highsOpties(5))).rejects.toMatchObject({ status: 500, code: 'solver_fout' });
    const { lp } = bouwModel(instance);
    expect((await solveInThread(lp, highsOpties(5))).Status).toBe('Optimal');
  });

  it('lets a script end once its solve is done (an idle worker holds no process open)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'highs-thread-'));
    const script = path.join(dir, 'solve.mts');
    const module = path.resolve('server/matching/highs-thread.ts');
    writeFileSync(script, `import { solveInThread } from ${JSON.stringify(module)};\n` +
      `console.log((await solveInThread('Maximize\\n obj: x\\nSubject To\\n c1: x <= 1\\nEnd', { output_flag: false })).Status);\n`);
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 });
      expect(run.stdout.trim()).toBe('Optimal');
      expect(run.signal, 'killed by the timeout: the process did not end').toBeNull();
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails the pending solve when the worker stops, and starts a new worker for the next one', async () => {
    const { lp } = bouwModel(instance);
    await stopSolverThread(); // a cold worker: still loading HiGHS when it is stopped
    const pending = solveInThread(lp, highsOpties(5));
    await stopSolverThread();
    await expect(pending).rejects.toMatchObject({ code: 'solver_fout', message: expect.stringMatching(/De solver is gestopt/) });
    expect((await solveInThread(lp, highsOpties(5))).Status).toBe('Optimal');
  });
});
