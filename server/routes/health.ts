import { OpenAPIHono, z } from '@hono/zod-openapi';
import { apiRoute, OPENBAAR } from '../http/access.ts';
import type { AppEnv } from '../app.ts';

const route = apiRoute(OPENBAAR, {
  method: 'get',
  path: '/health',
  tags: ['Systeem'],
  summary: 'Werkt de server en de database?',
  responses: {
    200: {
      description: 'OK',
      content: {
        'application/json': {
          schema: z.object({
            status: z.literal('ok'),
            database: z.enum(['embedded', 'postgres']),
            postgis: z.string(),
          }),
        },
      },
    },
  },
});

export function healthRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(route, async (c) => {
    const { rows } = await c.var.db.pool.query<{ v: string }>('SELECT postgis_lib_version() AS v');
    return c.json({ status: 'ok' as const, database: c.var.db.mode, postgis: rows[0].v }, 200);
  });
  return app;
}
