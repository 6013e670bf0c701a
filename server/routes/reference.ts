// Reference data and runtime configuration for the web app.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { apiRoute, IEDEREEN } from '../http/access.ts';
import type { AppEnv } from '../app.ts';

const MilieucategorieSchema = z
  .object({
    code: z.string(),
    volgorde: z.number().int(),
    omschrijving: z.string(),
    richtafstand_m: z.number().int(),
    richtafstand_gemengd_m: z.number().int(),
  })
  .openapi('Milieucategorie');

const milieucategorieen = apiRoute(IEDEREEN, {
  method: 'get',
  path: '/milieucategorieen',
  tags: ['Referentie'],
  summary: 'Milieucategorieën (VNG 2009) met richtafstanden',
  responses: {
    200: { description: 'Lijst', content: { 'application/json': { schema: z.array(MilieucategorieSchema) } } },
  },
});

const ConfigSchema = z.object({ basemapStyleUrl: z.string(), attribution: z.array(z.string()) }).openapi('Config');

const config = apiRoute(IEDEREEN, {
  method: 'get',
  path: '/config',
  tags: ['Referentie'],
  summary: 'Instellingen voor de kaart (achtergrondkaart, bronvermelding)',
  responses: { 200: { description: 'Config', content: { 'application/json': { schema: ConfigSchema } } } },
});

export const ATTRIBUTION = ['© OpenStreetMap contributors (ODbL)', '© OpenMapTiles', 'Kadaster / CBS, 2022'];

export function referenceRoutes(options: { basemapStyleUrl: string }) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(milieucategorieen, async (c) => {
    const { rows } = await c.var.db.pool.query(
      `SELECT code, volgorde, omschrijving, richtafstand_m, richtafstand_gemengd_m
       FROM milieucategorie WHERE stelsel = 'VNG2009' AND (geldig_tot IS NULL OR geldig_tot > current_date)
       ORDER BY volgorde`,
    );
    return c.json(rows, 200);
  });
  app.openapi(config, (c) => c.json({ basemapStyleUrl: options.basemapStyleUrl, attribution: ATTRIBUTION }, 200));
  return app;
}
