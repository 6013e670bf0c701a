// Named prepared statements for the few hot queries whose planning costs more than
// their run (a vector tile): planned once per connection. PgBouncer in transaction
// pooling keeps them only from version 1.21 (max_prepared_statements); an older one
// answers "prepared statement does not exist" or "already exists" once the statement
// meets another server connection. Then this pool goes on with unnamed statements.
// On the embedded database the client prepares and executes them with SQL's PREPARE
// and EXECUTE (inline-params-client.ts).
import { createHash } from 'node:crypto';
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'>;

/** Pools where a pooler refused named statements. */
const unnamedOnly = new WeakSet<object>();
/** SQLSTATE invalid_sql_statement_name and duplicate_prepared_statement. */
const POOLER_REFUSALS = new Set(['26000', '42P05']);

/** Names of the texts seen lately: a hot statement (a tile's) costs more to hash than to find here. */
const names = new Map<string, string>();
const REMEMBERED_NAMES = 256;

/** The statement's name: the same text, the same name. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `sr_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size >= REMEMBERED_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

export async function preparedQuery<R extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  if (unnamedOnly.has(db)) return db.query<R>(text, values);
  try {
    return await db.query<R>({ name: statementName(text), text, values });
  } catch (err) {
    if (!POOLER_REFUSALS.has((err as { code?: string }).code ?? '')) throw err;
    unnamedOnly.add(db);
    return db.query<R>(text, values);
  }
}

/** A named prepared statement when `prepare` (callers outside a transaction), else an unnamed one. */
export function queryPreparedIf<R extends pg.QueryResultRow>(prepare: boolean, db: Queryable, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  return prepare ? preparedQuery<R>(db, text, values) : db.query<R>(text, values);
}
