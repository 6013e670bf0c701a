// Every successful JSON answer in the OpenAPI document has a schema that says what is
// in it: outside integrators and the web app's generated types rely on it. An object
// without `properties` (a bare `z.record(z.string(), z.unknown())`, a passthrough) or a
// value left undescribed (`z.unknown()`) fails, wherever it sits in the answer ($refs
// followed). A map keyed by data (milieucategorie codes) is fine when its values are
// themselves described.
import { describe, expect, it } from 'vitest';
import { createApp, openApiDocument } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';

type Schema = Record<string, unknown>;

const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
};

function resolve(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const name = ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${ref}`);
  return resolve(target);
}

const isEmpty = (s: unknown) => s === true || (typeof s === 'object' && s !== null && Object.keys(s).length === 0);

/** Where in the schema something is undescribed, as JSON-path-like strings. */
function gaps(schema: Schema | undefined, at: string, seen: Set<Schema> = new Set()): string[] {
  if (schema === undefined || isEmpty(schema)) return [`${at}: no schema`];
  const s = resolve(schema);
  if (seen.has(s)) return [];
  seen.add(s);
  const out: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = s[key];
    if (Array.isArray(parts)) parts.forEach((p, i) => out.push(...gaps(p as Schema, `${at}.${key}[${i}]`, seen)));
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('array')) {
    // A tuple ([lengtegraad, breedtegraad]) describes its places in prefixItems.
    if (Array.isArray(s.prefixItems)) s.prefixItems.forEach((p, i) => out.push(...gaps(p as Schema, `${at}[${i}]`, seen)));
    else out.push(...gaps(s.items as Schema | undefined, `${at}[]`, seen));
  }
  if (types.includes('object')) {
    const props = s.properties as Record<string, Schema> | undefined;
    const extra = s.additionalProperties;
    if (props && Object.keys(props).length > 0) {
      for (const [name, p] of Object.entries(props)) out.push(...gaps(p, `${at}.${name}`, seen));
    } else if (extra === undefined || extra === false || isEmpty(extra)) {
      out.push(`${at}: object without properties`);
    } else {
      out.push(...gaps(extra as Schema, `${at}{*}`, seen));
    }
  }
  if (!s.type && !s.anyOf && !s.oneOf && !s.allOf && !s.enum && !('const' in s)) out.push(`${at}: undescribed value`);
  return out;
}

function answers() {
  const result: { route: string; path: string; schema: Schema | undefined }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        const json = response.content?.['application/json'];
        // Answers that are not JSON (a CSV or ZIP export, 204 without body) are out of scope.
        if (!json && response.content) continue;
        if (!json) continue;
        result.push({ route: `${method.toUpperCase()} ${path} ${status}`, path, schema: json.schema });
      }
    }
  }
  return result;
}

describe('every successful JSON answer has a schema with its properties', () => {
  it('finds the answers to check', () => {
    expect(answers().length).toBeGreaterThan(40);
  });

  it('has every API route in the document (the document itself aside)', () => {
    const app = createApp({ db: undefined as unknown as Database, webDir: 'web' });
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)));
    const missing = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`)
      .filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('describes every object and value in them', () => {
    const failures = answers()
      .flatMap((a) => gaps(a.schema, a.route));
    expect(failures).toEqual([]);
  });

  it('catches an answer without properties (the check itself)', () => {
    expect(gaps({ type: 'object', additionalProperties: {} }, 'x')).toEqual(['x: object without properties']);
    expect(gaps({ type: 'object', properties: { a: {} } }, 'x')).toEqual(['x.a: no schema']);
    expect(gaps({ type: 'array', items: { type: 'object' } }, 'x')).toEqual(['x[]: object without properties']);
    expect(gaps({ type: 'object', properties: { n: { type: 'number' } } }, 'x')).toEqual([]);
  });
});
