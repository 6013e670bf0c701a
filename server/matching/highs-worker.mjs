// HiGHS in a worker thread: a large regional model can take seconds, and the
// HTTP server must keep answering meanwhile. Plain JavaScript so it loads in any
// worker, with or without a TypeScript loader.
import { parentPort } from 'node:worker_threads';
import highsLoader from 'highs';

const highs = await highsLoader();
parentPort.on('message', ({ id, lp, options }) => {
  try {
    parentPort.postMessage({ id, result: highs.solve(lp, options) });
  } catch (err) {
    // HiGHS's WASM instance is unusable after an abort: answer, then end this
    // worker so the next solve gets a fresh one.
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
    process.exit(1);
  }
});
