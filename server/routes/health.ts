// Is the server up, and can it reach its database? Public, for people and supervisors:
// 200 with "ok", or 503 with "error" and a reason (never a 500).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { apiRoute, OPENBAAR } from '../http/access.ts';
import type { AppEnv } from '../app.ts';

/** A health check answers within this time, even when the database hangs. */
const HEALTH_TIMEOUT_MS = 5_000;

const Database = z.enum(['embedded', 'postgres']);

const route = apiRoute(OPENBAAR, {
  method: 'get',
  path: '/health',
  tags: ['Systeem'],
  summary: 'Werkt de server en de database?',
  responses: {
    200: {
      description: 'De server en de database werken',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok'), database: Database, postgis: z.string() }) } },
    },
    503: {
      description: 'De database is niet bereikbaar; de reden staat erbij',
      content: { 'application/json': { schema: z.object({ status: z.literal('error'), database: Database, reden: z.string() }) } },
    },
  },
});

export function healthRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(route, async (c) => {
    const db = c.var.db;
    const problem = db.problem?.();
    if (problem) return c.json({ status: 'error' as const, database: db.mode, reden: problem }, 503);
    try {
      const version = await withTimeout(db.pool.query<{ v: string }>('SELECT postgis_lib_version() AS v'), HEALTH_TIMEOUT_MS);
      return c.json({ status: 'ok' as const, database: db.mode, postgis: version.rows[0].v }, 200);
    } catch (err) {
      const reden = db.problem?.() ??
        `De database antwoordt niet (${(err as { code?: string }).code ?? String((err as Error).message).slice(0, 120)}).`;
      return c.json({ status: 'error' as const, database: db.mode, reden }, 503);
    }
  });
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: `geen antwoord binnen ${ms / 1000} s` })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
