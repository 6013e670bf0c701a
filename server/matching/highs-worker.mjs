// HiGHS in a worker thread: a large regional model can take seconds, and the
// HTTP server must keep answering meanwhile. Plain JavaScript so it loads in any
// worker, with or without a TypeScript loader.
//
// Answers in the shape of HiGHS's one-call `solve` (Status, ObjectiveValue, Columns
// by name), plus the MIP gap and dual bound, which only the model API reports: a
// solve stopped by its time limit says how far from optimal it may be. A start
// solution (the columns set to 1) gives HiGHS a feasible incumbent from the outset.
import { parentPort } from 'node:worker_threads';
import highsLoader from 'highs';

const highs = await highsLoader();

const STATUS = {
  0: 'Not Set', 1: 'Load error', 2: 'Model error', 3: 'Presolve error', 4: 'Solve error', 5: 'Postsolve error', 6: 'Empty',
  7: 'Optimal', 8: 'Infeasible', 9: 'Primal infeasible or unbounded', 10: 'Unbounded', 11: 'Bound on objective reached',
  12: 'Target for objective reached', 13: 'Time limit reached', 14: 'Iteration limit reached', 15: 'Unknown',
  16: 'Solution limit reached', 17: 'Interrupted by user',
};

function solve(lp, options, start) {
  // The model API runs single-threaded and refuses the option.
  const { threads: _threads, ...opties } = options;
  return highs.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set(opties);
    const namen = Array.from({ length: model.getLp().numCols }, (_, i) => model.getColName(i));
    if (start?.length) {
      const een = new Set(start);
      model.setSolution({ colValue: Float64Array.from(namen, (n) => (een.has(n) ? 1 : 0)) });
    }
    model.run();
    const colValue = model.getSolution().colValue;
    const Columns = {};
    for (let i = 0; i < colValue.length; i++) Columns[namen[i]] = { Primal: colValue[i] };
    const info = (name) => {
      try {
        return model.info.get(name);
      } catch {
        return null;
      }
    };
    return {
      Status: STATUS[model.getModelStatus()] ?? 'Unknown', ObjectiveValue: model.getObjectiveValue(), Columns,
      mip_gap: info('mip_gap'), mip_dual_bound: info('mip_dual_bound'),
    };
  });
}

parentPort.on('message', ({ id, lp, options, start }) => {
  try {
    parentPort.postMessage({ id, result: solve(lp, options, start) });
  } catch (err) {
    // HiGHS's WASM instance is unusable after an abort: answer, then end this
    // worker so the next solve gets a fresh one.
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
    process.exit(1);
  }
});
