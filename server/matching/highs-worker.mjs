// HiGHS in a worker thread: a large regional model can take seconds, and the
// HTTP server must keep answering meanwhile. Plain JavaScript so it loads in any
// worker, with or without a TypeScript loader.
//
// Takes LP text, or the structured model (matching-solver.ts's RegioMatrix: no text
// to write and parse). Answers in the shape of HiGHS's one-call `solve` (Status,
// ObjectiveValue, Columns by name; for the structured model colValue by position),
// plus the MIP gap and dual bound, which only the model API reports: a
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

/**
 * The structured model of matching-solver.ts's RegioMatrix: binary columns, rows
 * `Σ waarde·x ≤ bovengrens` in CSR, maximised.
 */
function modelData({ kosten, bovengrens, start, kolom, waarde }) {
  const numCols = kosten.length;
  const numRows = bovengrens.length;
  return {
    numCols, numRows, sense: highs.constants.objectiveSense.maximize, colCost: kosten,
    colLower: new Float64Array(numCols), colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array(numRows).fill(-highs.infinity), rowUpper: bovengrens,
    matrix: { format: 'csr', numRows, numCols, starts: start, indices: kolom, values: waarde },
    integrality: new Int32Array(numCols).fill(1),
  };
}

/** LP text with start columns by name, or the structured model with start columns by position. */
function solve(lp, matrix, options, start) {
  // The model API runs single-threaded and refuses the option.
  const { threads: _threads, ...opties } = options;
  return highs.withModel(matrix ? modelData(matrix) : { format: 'lp', data: lp }, (model) => {
    model.options.set(opties);
    const numCols = model.getLp().numCols;
    const namen = matrix ? null : Array.from({ length: numCols }, (_, i) => model.getColName(i));
    if (start?.length) {
      const colValue = new Float64Array(numCols);
      if (matrix) for (const j of start) colValue[j] = 1;
      else {
        const een = new Set(start);
        namen.forEach((n, j) => { if (een.has(n)) colValue[j] = 1; });
      }
      model.setSolution({ colValue });
    }
    model.run();
    const colValue = model.getSolution().colValue;
    const info = (name) => {
      try {
        return model.info.get(name);
      } catch {
        return null;
      }
    };
    const uit = { Status: STATUS[model.getModelStatus()] ?? 'Unknown', ObjectiveValue: model.getObjectiveValue(), mip_gap: info('mip_gap'), mip_dual_bound: info('mip_dual_bound') };
    if (matrix) return { ...uit, colValue };
    const Columns = {};
    for (let i = 0; i < colValue.length; i++) Columns[namen[i]] = { Primal: colValue[i] };
    return { ...uit, Columns };
  });
}

parentPort.on('message', ({ id, lp, model, options, start }) => {
  try {
    parentPort.postMessage({ id, result: solve(lp, model, options, start) });
  } catch (err) {
    // HiGHS's WASM instance is unusable after an abort: answer, then end this
    // worker so the next solve gets a fresh one.
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
    process.exit(1);
  }
});
