// Matching: candidates per request (regie in full, the werkgroep computed from public
// facts only), the regional assignment, its settings, the match workflow and the
// scheefwerken signal. Everything company-specific is for regie only.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { apiRoute, REGIE, WERKGROEP_EN_REGIE } from '../http/access.ts';
import { answer, IdParamSchema, jsonBody, plainErrors, versionedChange } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { TIE_BREAK } from '../domain/matching-kandidaten.ts';
import { InstellingenWijziging } from '../domain/matching-instellingen.ts';
import { kandidaatZicht, kandidatenVoorZicht } from '../domain/matching-zicht.ts';
import { eenVraag } from '../ruimtevragen/service.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';
import { haalMatch, instellingenLijst, laadInstellingen, lijstMatches } from './queries.ts';


export function matchingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    apiRoute(WERKGROEP_EN_REGIE, { method: 'get', path: '/ruimtevragen/{id}/kandidaten', tags: ['Matching'],
      summary: 'Kandidaat-kavels en samengevoegde aangrenzende kavels voor een ruimtevraag: voor regie met score per criterium, ' +
        'voor de werkgroep rang en passendheid berekend uit openbare gegevens (server/domain/matching-zicht.ts). ' +
        'Gewichten uit de instellingen, per verzoek te overschrijven met gewicht_<criterium>, tolerantie, max_kavels_samenvoegen.',
      request: { params: IdParamSchema, query: s.KandidaatQuery },
      responses: { 200: answer('Kandidaten, beste eerst', s.KandidatenAntwoordSchema), ...plainErrors(400, 404, 422) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { limiet, ...overrides } = c.req.valid('query');
      const zicht = kandidaatZicht(actorOf(c).rol);
      const pool = c.var.db.pool;
      const inst = service.metOverrides(await laadInstellingen(pool), overrides);
      const berekend = await service.kandidatenVanVraag(pool, id, inst, zicht);
      const { vraag } = await eenVraag(pool, zicht, id);
      return c.json({ ruimtevraag: vraag, zicht, tie_break: TIE_BREAK, ...kandidatenVoorZicht(zicht, { ...berekend, limiet: limiet ?? 50 }) }, 200);
    },
  );

  app.openapi(
    apiRoute(REGIE, { method: 'post', path: '/matching/regio', tags: ['Matching'],
      summary: 'Wijs alle open ruimtevragen tegelijk toe (HiGHS): maximale totaalscore, elke kavel één keer, verhuisketens; ' +
        'lopende matches (kavels in optie) liggen vast; met de gretige één-voor-één-toewijzing ter vergelijking. ' +
        'Bewaart de uitkomst (resultaat_id) zodat precies deze uitkomst matches kan worden; wijzigt verder niets.',
      request: { body: { required: false, content: { 'application/json': { schema: s.RegioBody } } } },
      responses: { 200: answer('Toewijzing', s.RegioAntwoordSchema), ...plainErrors(400, 422) } }),
    async (c) => {
      const { peildatum, ...overrides } = c.req.valid('json') ?? {};
      return c.json(await service.berekenRegio(c.var.db.pool, actorOf(c), overrides, peildatum), 200);
    },
  );

  app.openapi(
    apiRoute(REGIE, { method: 'post', path: '/matching/regio/voorstellen', tags: ['Matching'],
      summary: 'Maak van een berekende regionale uitkomst (resultaat_id van POST /matching/regio) precies die matches (voorgesteld), ' +
        'met keten en stap; vragen met een lopende match worden overgeslagen. Rekent niet opnieuw; 409 als de gegevens sindsdien ' +
        'zijn gewijzigd of de uitkomst al is gebruikt. Eén transactie.',
      request: { body: jsonBody(s.VoorstellenBody) },
      responses: { 201: answer('Aangemaakte matches', s.VoorstellenAntwoordSchema), ...plainErrors(400, 404, 409, 422) } }),
    async (c) => c.json(await service.regioVoorstellen(c.var.db.pool, actorOf(c), c.req.valid('json').resultaat_id), 201),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'get', path: '/matching/instellingen', tags: ['Matching'],
      summary: 'Gewichten en drempels van de matching en het scheefwerken-signaal',
      responses: { 200: answer('Instellingen', z.array(s.InstellingSchema)) } }),
    async (c) => c.json(await instellingenLijst(c.var.db.pool), 200),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'patch', path: '/matching/instellingen', tags: ['Matching'],
      summary: 'Wijzig gewichten of drempels ({"gewicht_omvang": 4, …}); gelogd',
      request: { body: jsonBody(InstellingenWijziging) },
      responses: { 200: answer('Instellingen', z.array(s.InstellingSchema)), ...plainErrors(400, 422) } }),
    async (c) => c.json(await service.wijzigInstellingen(c.var.db.pool, actorOf(c), c.req.valid('json')), 200),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'get', path: '/matches', tags: ['Matching'],
      summary: 'Matches, eventueel van één ruimtevraag of met één status',
      request: { query: s.MatchesQuery },
      responses: { 200: answer('Lijst', z.array(s.MatchRijSchema)), ...plainErrors(400) } }),
    async (c) => c.json(await lijstMatches(c.var.db.pool, c.req.valid('query')), 200),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'post', path: '/matches', tags: ['Matching'],
      summary: 'Maak een match (status voorgesteld) van een kandidaat: een ruimtevraag en één of meer aangrenzende kavels',
      request: { body: jsonBody(s.NieuweMatchBody) },
      responses: { 201: answer('Aangemaakt', s.MatchSchema), ...plainErrors(400, 404, 422) } }),
    async (c) => c.json(await service.maakMatch(c.var.db.pool, actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    apiRoute(REGIE, { method: 'get', path: '/matches/{id}', tags: ['Matching'],
      summary: 'Eén match met kavels, criteria en alle stappen (datum, persoon, reden)',
      request: { params: IdParamSchema },
      responses: { 200: answer('Match', s.MatchSchema), ...plainErrors(400, 404) } }),
    async (c) => c.json(await haalMatch(c.var.db.pool, c.req.valid('param').id), 200),
  );

  app.openapi(
    apiRoute(REGIE, versionedChange({ method: 'patch', path: '/matches/{id}', tags: ['Matching'],
      summary: 'Volgende stap: besproken_werkgroep (kavels in optie), warme_overdracht, gerealiseerd, of afgevallen (kavels vrij)',
      params: IdParamSchema, body: s.MatchStapBody, versie: 'body_of_if_match', gedaan: 'Gewijzigd', answer: s.MatchSchema })),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, ...w } = c.req.valid('json');
      return c.json(await service.wijzigMatchStatus(c.var.db.pool, actorOf(c), id, baseVersion(c, version), w), 200);
    },
  );

  app.openapi(
    apiRoute(REGIE, { method: 'get', path: '/signalen/scheefwerken', tags: ['Matching'],
      summary: 'Scheefwerken: bedrijven met een activiteit ver onder de milieucategorie van hun kavel (drempels in matching_instelling)',
      responses: { 200: answer('Signalen', s.ScheefwerkenSchema) } }),
    async (c) => c.json(await service.scheefwerkenSignalen(c.var.db.pool), 200),
  );
  return app;
}
