// A pg Client for the embedded database that sends every query over the simple
// query protocol, with parameters inlined as escaped literals.
//
// Why: through @electric-sql/pglite-socket 0.2.11 (the version that fits
// pglite-postgis 0.2.8), an error inside a transaction during an extended-protocol
// (parameterised) query desynchronises the connection: every later reply is
// shifted by one ("unexpected parseComplete"). The simple protocol is handled
// correctly. Parameters become untyped literals, which PostgreSQL resolves the
// same way it resolves parameters of unknown type.
//
// A named statement (`{ name, text, values }`, server/db/prepared.ts) is prepared with
// SQL's PREPARE once per session and run with EXECUTE, both simple-protocol
// messages: the embedded database plans the balance's statement in 5 ms and runs it
// in 6 (region scale), so planning it once halves its time.
import pg from 'pg';

const { prepareValue } = (pg as unknown as { utils: { prepareValue: (v: unknown) => unknown } }).utils;

/**
 * A NUL byte cannot travel in a simple-protocol query (the message is a C string: the
 * server answers 08P01). PostgreSQL refuses it in a parameter with 22021; so does this client.
 */
class NulInParameterError extends Error {
  readonly code = '22021';
  constructor() {
    super('invalid byte sequence for encoding "UTF8": 0x00');
  }
}

function literal(client: pg.Client, value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  const text = String(prepared);
  if (text.includes('\0')) throw new NulInParameterError();
  return client.escapeLiteral(text);
}

/** Replaces $1, $2… outside comments, quoted strings, identifiers and dollar-quoted bodies. */
export function inlineParams(client: pg.Client, text: string, values: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j])) j++;
      const n = Number(text.slice(i + 1, j));
      if (n < 1 || n > values.length) throw new Error(`query parameter $${n} has no value`);
      out += literal(client, values[n - 1]);
      i = j;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i));
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? text.length : end + tag[0].length;
        out += text.slice(i, stop);
        i = stop;
      } else {
        out += ch;
        i++;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export class InlineParamsClient extends pg.Client {
  /** The named statements prepared on this connection (PREPARE outlives a rolled-back transaction). */
  private readonly prepared = new Set<string>();

  // pg's query() has many overloads; only the (text | config, values, callback) forms carry parameters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- overrides every overload of pg.Client#query at once; only any fits them all
  query(...args: any[]): any {
    try {
      return this.inlined(args);
    } catch (err) {
      // Refused before sending: report it the way pg reports a server error.
      const callback = args.find((a) => typeof a === 'function');
      if (!(err instanceof NulInParameterError)) throw err;
      if (callback) return void process.nextTick(() => callback(err));
      return Promise.reject(err);
    }
  }

  private inlined(args: unknown[]): unknown {
    const [first, second, third] = args;
    const send = super.query as (...a: unknown[]) => unknown;
    if (typeof first === 'string' && Array.isArray(second) && second.length > 0) {
      return send.call(this, inlineParams(this, first, second), third);
    }
    if (first && typeof first === 'object' && 'text' in first && typeof first.text === 'string') {
      const config = first as pg.QueryConfig;
      const values = Array.isArray(config.values) ? config.values : Array.isArray(second) ? second : [];
      if (config.name) {
        const done = this.executeNamed(config, values);
        // pg.Pool#query hands the client a callback.
        const callback = args.find((a): a is (err: unknown, res?: unknown) => void => typeof a === 'function');
        if (!callback) return done;
        return void done.then((res) => callback(undefined, res), (err) => callback(err));
      }
      if (values.length > 0) {
        const rest = typeof second === 'function' ? second : third;
        return send.call(this, { ...config, text: inlineParams(this, config.text, values), values: undefined }, rest);
      }
    }
    return send.apply(this, args);
  }

  /**
   * PREPARE on first use, in the same query as the EXECUTE (two statements in one
   * simple-protocol message), so that the call keeps its place among the connection's
   * queries and never has a second one waiting behind it (pg 9 refuses that). PGlite is
   * one session behind every connection, so the session may have the statement already
   * (another connection prepared it; its name is its text's hash, so it is the same
   * statement): it is prepared only when pg_prepared_statements does not list it,
   * because an "already exists" error would abort a transaction the call is in. One
   * gone after a restart (26000) is prepared again. A refused PREPARE stops the query
   * there, so its own error is reported (not the EXECUTE's "does not exist").
   */
  private executeNamed(config: pg.QueryConfig, values: readonly unknown[], again = true): Promise<unknown> {
    const query = pg.Client.prototype.query as (config: pg.QueryConfig) => Promise<pg.QueryResult | pg.QueryResult[]>;
    const send = (text: string) => query.call(this, { ...config, name: undefined, text, values: undefined });
    const name = this.escapeIdentifier(config.name!);
    const execute = `EXECUTE ${name}${values.length ? `(${values.map((v) => literal(this, v)).join(', ')})` : ''}`;
    if (this.prepared.has(name)) {
      return send(execute).catch((err: { code?: string }) => {
        if (err.code !== '26000' || !again) throw err;
        this.prepared.delete(name);
        return this.executeNamed(config, values, false);
      });
    }
    const prepare = `BEGIN IF NOT EXISTS (SELECT FROM pg_prepared_statements WHERE name = ${this.escapeLiteral(config.name!)}) `
      + `THEN EXECUTE ${this.escapeLiteral(`PREPARE ${name} AS ${config.text}`)}; END IF; END`;
    return send(`DO ${this.escapeLiteral(prepare)}; ${execute}`).then((results) => {
      this.prepared.add(name);
      // One result per statement: the EXECUTE's is the last.
      return Array.isArray(results) ? results[results.length - 1] : results;
    });
  }
}
