// The system feature: health (public, for people and supervisors), the map's
// configuration and the milieucategorieën reference table.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { apiRoute, IEDEREEN, OPENBAAR } from '../http/access.ts';
import { answer } from '../http/schemas.ts';
import type { AppEnv } from '../app.ts';
import { health } from './service.ts';
import { gemeentenGebied, milieucategorieen } from './queries.ts';

const Database = z.enum(['embedded', 'postgres']);

const healthRoute = apiRoute(OPENBAAR, {
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

const MilieucategorieSchema = z
  .object({
    code: z.string(),
    volgorde: z.number().int(),
    omschrijving: z.string(),
    richtafstand_m: z.number().int(),
    richtafstand_gemengd_m: z.number().int(),
  })
  .openapi('Milieucategorie');

const milieucategorieRoute = apiRoute(IEDEREEN, {
  method: 'get',
  path: '/milieucategorieen',
  tags: ['Referentie'],
  summary: 'Milieucategorieën (VNG 2009) met richtafstanden',
  responses: {
    200: answer('Lijst', z.array(MilieucategorieSchema)),
  },
});

const ConfigSchema = z.object({
  basemapStyleUrl: z.string(),
  attribution: z.array(z.string()),
  gebied: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable()
    .openapi({ description: 'Het gebied van de gemeenten [west, zuid, oost, noord] in WGS84: de kaart opent daarop en blijft in de buurt; null zonder gemeenten' }),
}).openapi('Config');

const configRoute = apiRoute(IEDEREEN, {
  method: 'get',
  path: '/config',
  tags: ['Referentie'],
  summary: 'Instellingen voor de kaart (achtergrondkaart, bronvermelding, gebied)',
  responses: { 200: answer('Config', ConfigSchema) },
});

export const ATTRIBUTION = ['© OpenStreetMap contributors (ODbL)', '© OpenMapTiles', 'Kadaster / CBS, 2022'];

export function systemRoutes(options: { basemapStyleUrl: string }) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(healthRoute, async (c) => {
    const answer = await health(c.var.db);
    return answer.status === 'ok' ? c.json(answer, 200) : c.json(answer, 503);
  });
  app.openapi(milieucategorieRoute, async (c) => c.json(await milieucategorieen(c.var.db.pool), 200));
  app.openapi(configRoute, async (c) => c.json({
    basemapStyleUrl: options.basemapStyleUrl, attribution: ATTRIBUTION, gebied: await gemeentenGebied(c.var.db.pool),
  }, 200));
  return app;
}
