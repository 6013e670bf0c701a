// The editor's API for each editable layer: create, change, delete (or let lapse),
// history and restore, split / merge / hole, the draft check while drawing, and the
// milieuruimte check. Thin: parse, declare access, call the editor's service modules
// (records, history, operations, draft-check, milieuruimte), answer.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app.ts';
import { actorOf } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import { apiRoute, BEWERKERS, IEDEREEN } from '../http/access.ts';
import { answer, errors, IdParamSchema, jsonBody, versionedDelete } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { baseVersion } from '../http/version.ts';
import { layerDefinition } from '../layers/definitions.ts';
import { FEATURE_SCHEMAS } from '../layers/schemas.ts';
import { writableLayers } from './writable.ts';
import { createRecord, deleteRecord, featureOf, savedFeature, updateRecord } from './records.ts';
import { history, restoreVersion } from './history.ts';
import { cutHole, mergeRecords, splitRecord } from './operations.ts';
import { checkDraft } from './draft-check.ts';
import { checkMilieuruimte } from './milieuruimte.ts';
import {
  createSchema, DeletedSchema, DraftCheckSchema, DraftSchema, historySchema, holeAnswerSchema, HoleSchema, mergeAnswerSchema, MergeSchema,
  MilieuruimteCheckSchema, MilieuruimteVraagSchema, patchSchema, RestoreSchema, savedFeatureSchema, splitAnswerSchema, SplitSchema,
} from './schemas.ts';

type HistoryAnswer = z.infer<ReturnType<typeof historySchema>>;

export function editorRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ctx = (c: Context<AppEnv>) => ({ pool: c.var.db.pool, actor: actorOf(c) });

  for (const layer of writableLayers) {
    const naam = layer.label.toLowerCase();
    const read = layerDefinition(layer.path);

    app.openapi(apiRoute(BEWERKERS, {
      method: 'post', path: `/${layer.path}`, tags: ['Bewerken'],
      summary: `Nieuwe ${naam} (GeoJSON Feature in WGS84)`,
      request: { body: jsonBody(createSchema(layer.path)) },
      responses: {
        201: answer('Aangemaakt; met waarschuwingen (en voor wonen/gemengd de milieuruimtecheck)', savedFeatureSchema(layer.path)),
        ...errors(400, 401, 403, 413, 422),
      },
    }), async (c) => {
      const body = c.req.valid('json');
      const properties = body.properties as Record<string, unknown>;
      const missing = layer.required.filter((k) => properties[k] === undefined);
      if (missing.length) {
        throw new ApiError(400, 'ongeldige_invoer', `Verplicht veld ontbreekt: ${missing.join(', ')}.`, missing.map((m) => ({ pad: `properties.${m}`, melding: 'verplicht' })));
      }
      const { id, waarschuwingen } = await createRecord(ctx(c), layer, body.geometry, properties);
      const saved = await savedFeature(c.var.db.pool, layer, id, actorOf(c).rol, waarschuwingen);
      c.header('ETag', `"${saved.properties.version}"`);
      return c.json(saved, 201);
    });

    app.openapi(apiRoute(BEWERKERS, {
      method: 'patch', path: `/${layer.path}/{id}`, tags: ['Bewerken'],
      summary: `Wijzig ${naam}; stuur de versie mee (If-Match of version)`,
      request: { params: IdParamSchema, body: jsonBody(patchSchema(layer.path)) },
      responses: {
        200: answer('Gewijzigd; met waarschuwingen (en voor wonen/gemengd de milieuruimtecheck)', savedFeatureSchema(layer.path)),
        ...errors(400, 401, 403, 404, 409, 413, 422, 428),
      },
    }), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const waarschuwingen = await updateRecord(ctx(c), layer, id, {
        version: baseVersion(c, body.version), geometry: body.geometry, properties: body.properties as Record<string, unknown> | undefined,
      });
      const saved = await savedFeature(c.var.db.pool, layer, id, actorOf(c).rol, waarschuwingen);
      c.header('ETag', `"${saved.properties.version}"`);
      return c.json(saved, 200);
    });

    app.openapi(apiRoute(BEWERKERS, versionedDelete({
      path: `/${layer.path}/{id}`, tags: ['Bewerken'],
      summary: layer.softDeleteStatus
        ? `Laat ${naam} vervallen (status '${layer.softDeleteStatus}'; het record blijft bestaan)`
        : `Verwijder ${naam}`,
      params: IdParamSchema, gedaan: 'Verwerkt', answer: DeletedSchema,
    })), async (c) => {
      const { id } = c.req.valid('param');
      await deleteRecord(ctx(c), layer, id, baseVersion(c));
      return c.json(layer.softDeleteStatus ? { id, verwijderd: false, status: layer.softDeleteStatus } : { id, verwijderd: true }, 200);
    });

    app.openapi(apiRoute(IEDEREEN, {
      method: 'get', path: `/${layer.path}/{id}/history`, tags: ['Bewerken'],
      summary: `Alle versies van een ${naam}: wie, wanneer, wat (geometrie in WGS84)`,
      request: { params: IdParamSchema },
      responses: { 200: answer('Versies, oudste eerst', historySchema(layer.path).array()), ...errors(400, 401, 404) },
    }), async (c) => {
      const verborgen = read.vertrouwelijk && !read.vertrouwelijk.mayRead(actorOf(c).rol) ? Object.keys(read.vertrouwelijk.properties) : [];
      // The audit trail's rows are the record's own columns (historySchema names them).
      return c.json(await history(c.var.db.pool, layer, c.req.valid('param').id, verborgen) as HistoryAnswer[], 200);
    });

    const featureFor = (c: Context<AppEnv>, id: number) => featureOf(c.var.db.pool, layer, id, actorOf(c).rol);

    /**
     * An operation on one record ({id}) with a JSON body that names the version it is
     * based on (or If-Match): `run` gets the record's id, that version and the body.
     */
    const operation = <B extends z.ZodType<{ version?: number }>, A extends z.ZodType>(
      op: { naam: string; tag: string; summary: string; body: B; description: string; answer: A },
      run: (c: Context<AppEnv>, id: number, version: number, body: z.infer<B>) => Promise<z.infer<A>>,
    ) => app.openapi(apiRoute(BEWERKERS, {
      method: 'post', path: `/${layer.path}/{id}/${op.naam}`, tags: [op.tag], summary: op.summary,
      // Declared with the schemas' erased types: the route cannot be typed by the generic ones.
      request: { params: IdParamSchema, body: jsonBody(op.body as z.ZodType) },
      responses: { 200: answer(op.description, op.answer as z.ZodType), ...errors(400, 401, 403, 404, 409, 422) },
    }), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json') as z.infer<B>;
      return c.json(await run(c, id, baseVersion(c, body.version), body), 200);
    });

    operation({
      naam: 'restore', tag: 'Bewerken', summary: 'Zet een eerdere versie terug (als nieuwe, gelogde wijziging)',
      body: RestoreSchema, description: 'Hersteld', answer: FEATURE_SCHEMAS[layer.path],
    }, async (c, id, version, body) => {
      await restoreVersion(ctx(c), layer, id, version, body.naar_versie);
      const feature = await featureFor(c, id);
      c.header('ETag', `"${feature.properties.version}"`);
      return feature;
    });

    operation({
      naam: 'split', tag: 'Editor', body: SplitSchema, description: 'Gesplitst', answer: splitAnswerSchema(layer.path),
      summary: `Splits een ${naam} met een lijn: het record wordt het grootste deel, de andere delen worden nieuwe records met dezelfde eigenschappen`,
    }, async (c, id, version, body) => {
      const { ids } = await splitRecord(ctx(c), layer, id, version, body.line);
      const features = [];
      for (const i of ids) features.push(await featureFor(c, i));
      return { ids, features };
    });

    operation({
      naam: 'merge', tag: 'Editor', body: MergeSchema, description: 'Samengevoegd', answer: mergeAnswerSchema(layer.path),
      summary: `Voeg een andere ${naam} samen met deze` +
        (layer.softDeleteStatus ? ` (de andere krijgt status '${layer.softDeleteStatus}')` : ' (de andere wordt verwijderd)') +
        (layer.table === 'kavel' ? '; alleen kavels op hetzelfde terrein' : ''),
    }, async (c, id, version, body) => {
      const result = await mergeRecords(ctx(c), layer, id, version, body.met_id, body.met_version);
      return { ...result, feature: await featureFor(c, id) };
    });

    operation({
      naam: 'hole', tag: 'Editor', body: HoleSchema, description: 'Gat uitgesneden', answer: holeAnswerSchema(layer.path),
      summary: `Snijd een gat in een ${naam} (het gat moet helemaal binnen het vlak liggen)`,
    }, async (c, id, version, body) => {
      const { gat_ha } = await cutHole(ctx(c), layer, id, version, body.geometry);
      return { ...(await featureFor(c, id)), gat_ha };
    });

    app.openapi(apiRoute(BEWERKERS, {
      method: 'post', path: `/validatie/${layer.path}`, tags: ['Editor'],
      summary: `Controleer een getekend vlak voor een ${naam} zonder op te slaan (meldingen tijdens het tekenen)`,
      request: { body: jsonBody(DraftSchema) },
      responses: {
        200: answer('Oordeel: fouten blokkeren opslaan, waarschuwingen niet', DraftCheckSchema),
        ...errors(400, 401, 403, 422),
      },
    }), async (c) => c.json(await checkDraft(c.var.db.pool, actorOf(c), layer, c.req.valid('json')), 200));
  }

  app.openapi(apiRoute(BEWERKERS, {
    method: 'post', path: '/milieuruimte/check', tags: ['Editor'],
    summary: 'Welke kavels verliezen milieuruimte als hier gewoond (of gemengd gebied) komt? VNG-richtafstanden uit de database, afstanden in RD New',
    request: { body: jsonBody(MilieuruimteVraagSchema) },
    responses: {
      200: answer('Getroffen kavels (GeoJSON, WGS84) en hectares per milieucategorie', MilieuruimteCheckSchema),
      ...errors(400, 401, 403, 422),
    },
  }), async (c) => {
    const { geometry, nieuwe_functie } = c.req.valid('json');
    return c.json(await checkMilieuruimte(c.var.db.pool, geometry, nieuwe_functie), 200);
  });

  return app;
}
