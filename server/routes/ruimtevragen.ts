// Company space requests, shown per role: in full to regie, anonymised to the
// werkgroep, and only as aggregates to the stuurgroep.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ruimtevraagZicht } from '../domain/roles.ts';
import { anonymousLabel } from '../domain/ruimtevraag.ts';

export function ruimtevraagRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen', tags: ['Ruimtevragen'],
      summary: 'Ruimtevragen: volledig voor regisseur en beheerder, geanonimiseerd voor de werkgroep',
      responses: { 200: { description: 'Lijst', content: { 'application/json': { schema: z.array(z.record(z.string(), z.unknown())) } } } } }),
    async (c) => {
      const zicht = ruimtevraagZicht(actorOf(c).rol);
      const { rows } = await c.var.db.pool.query(
        `SELECT r.id, r.min_ha, r.max_ha, r.milieucategorie, r.watergebonden, r.reden, r.voorrang, r.status,
                r.gewenst_vanaf, r.gewenst_tot,
                ARRAY(SELECT g.naam FROM gemeente g WHERE g.id = ANY(r.gewenste_gemeente_ids) ORDER BY g.naam) AS gewenste_gemeenten,
                b.naam AS bedrijf_naam, b.kvk_nummer, b.sector, b.arbeidsplaatsen, b.gebruikspositie, b.huidige_kavel_id,
                r.accountmanager, r.notities, r.bron
         FROM ruimtevraag r JOIN bedrijf b ON b.id = r.bedrijf_id ORDER BY r.id`,
      );
      if (zicht === 'volledig') return c.json(rows, 200);
      // Anonymised: nothing that names or locates the company.
      return c.json(rows.map((r) => ({
        id: r.id, label: anonymousLabel(r.id, r.max_ha, r.milieucategorie),
        min_ha: r.min_ha, max_ha: r.max_ha, milieucategorie: r.milieucategorie, watergebonden: r.watergebonden,
        reden: r.reden, voorrang: r.voorrang, status: r.status, gewenst_vanaf: r.gewenst_vanaf, gewenst_tot: r.gewenst_tot,
        gewenste_gemeenten: r.gewenste_gemeenten, bron: r.bron,
      })), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/ruimtevragen/aggregaat', tags: ['Ruimtevragen'],
      summary: 'Aantal open ruimtevragen en gevraagde hectares per milieucategorie en gewenste gemeente',
      responses: { 200: { description: 'Aggregaten', content: { 'application/json': { schema: z.object({
        totaal: z.object({ aantal: z.number(), min_ha: z.number(), max_ha: z.number() }),
        per_milieucategorie: z.array(z.object({ milieucategorie: z.string(), aantal: z.number(), min_ha: z.number(), max_ha: z.number() })),
        per_gemeente: z.array(z.object({ gemeente: z.string(), aantal: z.number(), min_ha: z.number(), max_ha: z.number() })),
      }) } } } } }),
    async (c) => {
      const pool = c.var.db.pool;
      const open = `FROM ruimtevraag r WHERE r.status IN ('open', 'in_behandeling')`;
      const totaal = (await pool.query(`SELECT count(*)::int AS aantal, coalesce(sum(min_ha), 0) AS min_ha, coalesce(sum(max_ha), 0) AS max_ha ${open}`)).rows[0];
      const perCat = (await pool.query(
        `SELECT r.milieucategorie, count(*)::int AS aantal, sum(r.min_ha) AS min_ha, sum(r.max_ha) AS max_ha ${open}
         GROUP BY r.milieucategorie, m.volgorde ORDER BY m.volgorde`.replace(
          'FROM ruimtevraag r', 'FROM ruimtevraag r JOIN milieucategorie m ON m.stelsel = r.milieucategorie_stelsel AND m.code = r.milieucategorie'),
      )).rows;
      const perGemeente = (await pool.query(
        `SELECT g.naam AS gemeente, count(*)::int AS aantal, sum(r.min_ha) AS min_ha, sum(r.max_ha) AS max_ha
         ${open.replace('FROM ruimtevraag r', 'FROM ruimtevraag r JOIN gemeente g ON g.id = ANY(r.gewenste_gemeente_ids)')}
         GROUP BY g.naam ORDER BY g.naam`,
      )).rows;
      return c.json({ totaal, per_milieucategorie: perCat, per_gemeente: perGemeente }, 200);
    },
  );
  return app;
}
