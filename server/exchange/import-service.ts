// The import, step by step: an upload becomes a session (files on disk, layers found
// by GDAL); a check reads the chosen layer, stages every feature and judges each one
// (the report); a dry run does every write in one transaction and rolls it back; a
// commit does the same and keeps it, audited. Checks and writes run as background
// tasks with progress that the user can cancel.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import { mayEditGemeente, type Actor } from '../domain/roles.ts';
import { kiesGemeente } from '../domain/gemeente-keuze.ts';
import { MIN_AREA_HA } from '../domain/geometry.ts';
import { MIN_OVERLAP_M2 } from '../domain/editor-rules.ts';
import { beoordeelCrs, bereikVan } from '../domain/exchange-crs.ts';
import { withAudit } from '../db/audit.ts';
import { writableLayer, type WritableLayer } from '../editor/writable.ts';
import { weigerToekomst, zetIngangsdatum } from '../balans/historie.ts';
import { datumLang, today } from '../domain/dates.ts';
import { assertToewijzingenPassen, judge, transformatieDatum } from '../editor/checks.ts';
import { releaseConfidentialReferences } from '../editor/queries.ts';
import { EXCHANGE_DIR } from './gdal-thread.ts';
import { gdal } from './gdal-thread.ts';
import { doelvelden, type Doel, type Doelveld } from './doelvelden.ts';
import { GEDATEERDE_DOELEN } from '../domain/exchange-codes.ts';
import { mapObject, type BronObject, type Probleem, type StagedObject } from './mapping.ts';
import { saveUpload } from './upload.ts';
import { pakUit } from './zip.ts';
import { vindBronnen, UPLOAD_EXTENSIES } from './sources.ts';
import * as q from './import-queries.ts';
import {
  isBezig, MAX_SESSIES_PER_ACCOUNT, registreer, ruimOp, sessiesVan, verwijder,
  type Aantallen, type ControleVerzoek, type ImportSessie, type Rapport, type SchrijfResultaat, type Taak, type TaakSoort,
} from './import-sessions.ts';

const STAGE_BATCH = 250;
const CONTROLE_BATCH = 100;
const GERESERVEERDE_BRONNEN = ['voorbeeld', 'gebruiker'];

class Geannuleerd extends Error {}
class Proef extends Error {
  constructor(readonly resultaat: SchrijfResultaat) { super('proefdraai'); }
}

const checkAbort = (taak: Taak) => {
  if (taak.abort.signal.aborted) throw new Geannuleerd();
};

// ---------------------------------------------------------------------------------
// Upload

export async function nieuweImport(pool: pg.Pool, actor: Actor, bestandsnaam: string, body: ReadableStream<Uint8Array> | null, contentLength?: string): Promise<ImportSessie> {
  const naam = path.basename(bestandsnaam.trim());
  const ext = path.extname(naam).toLowerCase();
  if (!(UPLOAD_EXTENSIES as readonly string[]).includes(ext)) {
    throw new ApiError(415, 'formaat_niet_ondersteund',
      `Bestanden met de extensie '${ext || '(geen)'}' kunnen niet worden geïmporteerd. Gebruik een GeoPackage (.gpkg), een gezipte Shapefile (.zip), GeoJSON, FlatGeobuf (.fgb) of CSV.`);
  }
  await ruimOp(pool);
  await q.wisOudeStaging(pool);
  const eigen = sessiesVan(actor.id);
  // The oldest idle session makes room for the new one.
  if (eigen.length >= MAX_SESSIES_PER_ACCOUNT) {
    const oudste = eigen.filter((s) => !isBezig(s)).sort((a, b) => a.laatst - b.laatst)[0];
    if (!oudste) throw new ApiError(429, 'te_veel_imports', 'U hebt al drie imports lopen. Wacht tot er een klaar is of annuleer er een.');
    await verwijder(pool, oudste);
  }
  const id = randomUUID();
  const dir = path.join(EXCHANGE_DIR, `import-${id}`);
  const upload = path.join(dir, 'upload');
  const bron = path.join(dir, 'bron');
  await mkdir(upload, { recursive: true });
  await mkdir(path.join(dir, 'werk'), { recursive: true });
  try {
    const bestand = path.join(upload, ext === '.zip' ? 'upload.zip' : `upload${ext}`);
    const grootte = await saveUpload(body, contentLength, bestand);
    if (ext === '.zip') {
      await pakUit(bestand, bron);
      await rm(bestand, { force: true });
    } else {
      await mkdir(bron, { recursive: true });
      await rename(bestand, path.join(bron, naam.replace(/[^\p{L}\p{N}._ -]/gu, '_')));
    }
    const bronnen = await vindBronnen(bron, path.join(dir, 'werk'));
    const s: ImportSessie = {
      id, accountId: actor.id, dir, bestandsnaam: naam, grootte, bronnen, laatst: Date.now(),
      verzoek: null, taak: null, rapport: null, proef: null, resultaat: null,
    };
    registreer(s);
    return s;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------
// Tasks

function start(pool: pg.Pool, s: ImportSessie, soort: TaakSoort, werk: (taak: Taak) => Promise<void>) {
  if (isBezig(s)) throw new ApiError(409, 'import_bezig', 'Er loopt al een stap van deze import. Wacht tot die klaar is of annuleer hem.');
  const taak: Taak = { soort, status: 'bezig', fase: 'starten', gedaan: 0, totaal: 0, fout: null, abort: new AbortController() };
  s.taak = taak;
  void werk(taak).then(
    () => { taak.status = 'klaar'; },
    (err: unknown) => {
      if (err instanceof Geannuleerd) {
        taak.status = 'geannuleerd';
      } else if (err instanceof ApiError) {
        taak.status = 'mislukt';
        taak.fout = { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) };
      } else {
        console.error(err);
        taak.status = 'mislukt';
        taak.fout = { code: 'serverfout', message: 'Er ging iets mis bij de import. Probeer het opnieuw.' };
      }
      if (soort === 'controle') void q.wisStaging(pool, s.id).catch(() => undefined);
    },
  );
}

export function annuleer(s: ImportSessie) {
  if (!isBezig(s)) throw new ApiError(409, 'niets_te_annuleren', 'Er loopt geen stap van deze import.');
  s.taak!.abort.abort();
}

// ---------------------------------------------------------------------------------
// Check

function kiesLaag(s: ImportSessie, verzoek: ControleVerzoek) {
  const bron = s.bronnen.find((b) => b.bestand === verzoek.bestand);
  const laag = bron?.lagen.find((l) => l.naam === verzoek.laag);
  if (!bron || !laag) throw new ApiError(422, 'laag_onbekend', `Laag '${verzoek.laag}' komt niet voor in '${verzoek.bestand}'.`);
  return { bron, laag };
}

/** Checks the request against the file and the layer's fields; returns the CRS to read it in. */
export function valideerVerzoek(s: ImportSessie, verzoek: ControleVerzoek): number {
  const { laag } = kiesLaag(s, verzoek);
  const bronNaam = verzoek.bron.trim();
  if (GERESERVEERDE_BRONNEN.includes(bronNaam.toLowerCase())) {
    throw new ApiError(422, 'bron_gereserveerd', `'${bronNaam}' is een gereserveerde bronnaam. Noem de bron naar de levering, bijvoorbeeld 'Gemeente Leiden kavelregister'.`);
  }
  const velden = doelvelden(verzoek.doel);
  const bronVelden = new Set(laag.velden.map((v) => v.naam));
  for (const [doelveld, k] of Object.entries(verzoek.velden)) {
    if (!velden.some((v) => v.naam === doelveld)) throw new ApiError(422, 'doelveld_onbekend', `Veld '${doelveld}' bestaat niet bij ${verzoek.doel}.`);
    if ('veld' in k && !bronVelden.has(k.veld)) throw new ApiError(422, 'bronveld_onbekend', `Het bestand heeft geen veld '${k.veld}'.`);
  }
  if (verzoek.bron_id_veld && !bronVelden.has(verzoek.bron_id_veld)) {
    throw new ApiError(422, 'bronveld_onbekend', `Het bestand heeft geen veld '${verzoek.bron_id_veld}'.`);
  }
  const ontbreekt = velden.filter((v) => v.verplicht && !verzoek.velden[v.naam]);
  if (ontbreekt.length) {
    throw new ApiError(422, 'verplicht_niet_gekoppeld', `Koppel een veld of vaste waarde aan: ${ontbreekt.map((v) => v.label).join(', ')}.`, { velden: ontbreekt.map((v) => v.naam) });
  }
  if (!laag.geometrietype || laag.geometrietype === 'None') {
    throw new ApiError(422, 'geen_geometrie', `Laag '${laag.naam}' heeft geen geometrie. Een CSV heeft een kolom met WKT (bijvoorbeeld 'wkt') of x- en y-kolommen nodig.`);
  }
  const crs = beoordeelCrs(laag.crs?.epsg ?? null, verzoek.epsg, laag.bereik ? bereikVan(laag.bereik) : null, laag.crs !== null);
  if (!crs.ok) throw new ApiError(422, crs.code, crs.message, crs.voorstel ? { voorstel_epsg: crs.voorstel } : undefined);
  return crs.epsg;
}

export function startControle(pool: pg.Pool, actor: Actor, s: ImportSessie, verzoek: ControleVerzoek) {
  if (isBezig(s)) throw new ApiError(409, 'import_bezig', 'Er loopt al een stap van deze import. Wacht tot die klaar is of annuleer hem.');
  if (s.resultaat) throw new ApiError(409, 'import_klaar', 'Deze import is al uitgevoerd. Begin een nieuwe import.');
  const epsg = valideerVerzoek(s, verzoek);
  const schoon = { ...verzoek, bron: verzoek.bron.trim(), epsg: verzoek.epsg ?? null };
  s.verzoek = schoon;
  s.rapport = null;
  s.proef = null;
  start(pool, s, 'controle', async (taak) => {
    await bewaarKoppeling(pool, actor, schoon);
    s.rapport = await controleer(pool, actor, s, schoon, epsg, taak);
  });
}

async function bewaarKoppeling(pool: pg.Pool, actor: Actor, v: ControleVerzoek) {
  await pool.query(
    `INSERT INTO import_koppeling (doel, bron, bron_id_veld, velden, epsg, account_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (doel, bron) DO UPDATE SET bron_id_veld = EXCLUDED.bron_id_veld, velden = EXCLUDED.velden,
       epsg = EXCLUDED.epsg, account_id = EXCLUDED.account_id, updated_at = now()`,
    [v.doel, v.bron, v.bron_id_veld, JSON.stringify(v.velden), v.epsg ?? null, actor.id],
  );
}

export async function onthoudenKoppeling(pool: pg.Pool, doel: Doel, bron: string) {
  const { rows } = await pool.query<{ bron_id_veld: string | null; velden: ControleVerzoek['velden']; epsg: number | null; updated_at: string }>(
    `SELECT bron_id_veld, velden, epsg, updated_at FROM import_koppeling WHERE doel = $1 AND bron = $2`, [doel, bron.trim()],
  );
  return rows[0] ? { ...rows[0], updated_at: new Date(rows[0].updated_at).toISOString() } : null;
}

async function leesObjecten(pool: pg.Pool, s: ImportSessie, verzoek: ControleVerzoek, epsg: number, taak: Taak): Promise<number> {
  const { bron, laag } = kiesLaag(s, verzoek);
  taak.fase = 'lezen';
  const { pad } = await gdal.read(bron.pad, bron.openOptions, laag.naam, path.join(s.dir, 'werk', `objecten-${Date.now()}`));
  checkAbort(taak);
  await q.wisStaging(pool, s.id);
  const velden = doelvelden(verzoek.doel);
  const codes = (await pool.query<{ code: string }>(`SELECT code FROM milieucategorie WHERE stelsel = 'VNG2009' ORDER BY volgorde`)).rows.map((r) => r.code);
  taak.fase = 'inlezen';
  taak.totaal = laag.aantal ?? 0;
  taak.gedaan = 0;
  const gezien = new Set<string>();
  let batch: StagedObject[] = [];
  let n = 0;
  // GDAL writes one feature per line.
  const lines = createInterface({ input: createReadStream(pad, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const t = line.trim();
      if (!t.startsWith('{ "type": "Feature"') && !t.startsWith('{"type":"Feature"')) continue;
      const f = JSON.parse(t.endsWith(',') ? t.slice(0, -1) : t) as BronObject;
      n += 1;
      batch.push(mapObject(n, f, verzoek, velden, epsg, codes, gezien));
      if (batch.length >= STAGE_BATCH) {
        await q.stage(pool, s.id, epsg, batch);
        batch = [];
        taak.gedaan = n;
        checkAbort(taak);
      }
    }
  } finally {
    lines.close();
    await rm(pad, { force: true });
  }
  if (batch.length) await q.stage(pool, s.id, epsg, batch);
  taak.gedaan = n;
  if (n === 0) throw new ApiError(422, 'laag_leeg', `Laag '${laag.naam}' bevat geen objecten.`);
  return n;
}

async function controleer(pool: pg.Pool, actor: Actor, s: ImportSessie, verzoek: ControleVerzoek, epsg: number, taak: Taak): Promise<Rapport> {
  const n = await leesObjecten(pool, s, verzoek, epsg, taak);
  await q.koppelBestaand(pool, s.id, verzoek.doel, verzoek.bron);
  await controleerAlles(pool, actor, s.id, verzoek, n, taak);
  return maakRapport(pool, actor, s.id, verzoek, epsg, n);
}

async function controleerAlles(db: q.Queryable, actor: Actor, importId: string, verzoek: ControleVerzoek, n: number, taak: Taak) {
  taak.fase = 'controleren';
  taak.totaal = n;
  taak.gedaan = 0;
  const velden = doelvelden(verzoek.doel);
  const gemeenten = new Map((await db.query<{ id: number; naam: string }>(`SELECT id, naam FROM gemeente`)).rows.map((r) => [r.id, r.naam]));
  for (let van = 1; van <= n; van += CONTROLE_BATCH) {
    const tot = Math.min(n, van + CONTROLE_BATCH - 1);
    await q.slaUitkomstOp(db, importId, await controleerReeks(db, actor, importId, verzoek.doel, verzoek.bron, velden, gemeenten, van, tot));
    taak.gedaan = tot;
    checkAbort(taak);
  }
}

const fout = (code: string, melding: string, extra: Partial<Probleem> = {}): Probleem => ({ code, melding, ernst: 'fout', ...extra });
const m2Nl = (m2: number) => `${Math.round(m2).toLocaleString('nl-NL')} m²`;
const gelijk = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Judges the staged features van..tot (see the module comment of import-queries.ts). */
async function controleerReeks(
  db: q.Queryable, actor: Actor, importId: string, doel: Doel, bron: string, velden: Doelveld[], gemeenten: Map<number, string>, van: number, tot: number,
): Promise<q.Uitkomst[]> {
  const layer = writableLayer(doel)!;
  const rijen = await q.rijen(db, importId, van, tot);
  const geldig = new Map((await q.geldigheid(db, importId, van, tot)).map((g) => [g.volgnr, g]));
  const metingen = new Map((await q.metingen(db, importId, van, tot, doel)).map((m) => [m.volgnr, m]));
  const bestaande = new Map((await q.bestaande(db, importId, van, tot, doel)).map((b) => [b.volgnr, b]));
  const overlap = doel === 'kavels' ? await q.kavelOverlappen(db, importId, van, tot, bron) : null;
  const uitkomsten: q.Uitkomst[] = [];
  const eigenGemeente = actor.gemeente_id ? gemeenten.get(actor.gemeente_id) ?? 'uw gemeente' : '';
  const buitenScope = (gemeenteId: number, locatie?: [number, number]) => fout('andere_gemeente',
    `Dit object ligt (grotendeels) in ${gemeenten.get(gemeenteId) ?? 'een andere gemeente'}; u mag alleen gegevens van ${eigenGemeente} importeren.`, locatie ? { locatie } : {});

  for (const r of rijen) {
    const problemen: Probleem[] = [...r.leesproblemen];
    let waarden: Record<string, unknown> | null = null;
    const b = bestaande.get(r.volgnr);
    const g = geldig.get(r.volgnr);
    const m = metingen.get(r.volgnr);
    if (r.heeft_geom && g && !g.valid) {
      const zelf = /self-intersection/i.test(g.reason ?? '');
      problemen.push(fout(zelf ? 'zelfdoorsnijding' : 'ongeldige_geometrie',
        zelf ? 'De lijnen van het vlak kruisen zichzelf.' : `De geometrie is ongeldig: ${g.reason}.`,
        { ...(g.locatie ? { locatie: g.locatie.coordinates } : {}), ...(g.reason ? { postgis: g.reason } : {}) } as Partial<Probleem>));
    } else if (r.heeft_geom && (!m || m.ha < MIN_AREA_HA)) {
      problemen.push(fout('te_klein', `Het vlak is kleiner dan ${String(MIN_AREA_HA).replace('.', ',')} ha.`));
    } else if (m) {
      const punt = m.punt?.coordinates;
      const plek = punt ? { locatie: punt } : {};
      waarden = { ...r.eigenschappen };
      for (const v of velden) if (waarden[v.naam] === null && !v.leeg_toegestaan) delete waarden[v.naam];
      let gemeenteId: number | null = null;
      if (m.gemeenten.length === 0) {
        problemen.push(fout('buiten_regio', 'Het vlak ligt buiten de zes gemeenten van de regio.', plek));
      } else if (doel === 'kavels') {
        const terrein = m.terreinen?.find((t) => t.id === b?.rij.terrein_id) ?? m.terreinen?.[0];
        if (!terrein) problemen.push(fout('geen_terrein', 'De kavel ligt niet op een bedrijventerrein van de regio.', plek));
        else {
          waarden.terrein_id = terrein.id;
          gemeenteId = terrein.gemeente_id;
        }
      } else {
        const keuze = kiesGemeente(m.gemeenten, undefined, b ? (b.rij.gemeente_id as number) : undefined);
        if (!keuze.ok) problemen.push(fout(keuze.code, keuze.message, plek));
        else {
          waarden.gemeente_id = keuze.gemeente_id;
          gemeenteId = keuze.gemeente_id;
        }
      }
      if (gemeenteId !== null && !mayEditGemeente(actor, gemeenteId)) problemen.push(buitenScope(gemeenteId, punt));
      else if (b && !mayEditGemeente(actor, b.gemeente_id)) problemen.push(buitenScope(b.gemeente_id, punt));
      if (overlap) {
        if (overlap.mislukt.includes(r.volgnr)) {
          problemen.push(fout('meting_mislukt', 'De overlap met andere kavels kon niet worden berekend. Vereenvoudig het vlak.', plek));
        }
        for (const o of overlap.overlappen.filter((o) => o.volgnr === r.volgnr && o.m2 >= MIN_OVERLAP_M2)) {
          if (o.ontbrekend) {
            // The old kavel of this source is gone from the file: fine once the user removes it.
            problemen.push({ code: 'overlapt_ontbrekende_kavel', ernst: 'waarschuwing', ...plek, kavel_id: o.ander_id,
              melding: `Overlapt kavel ${o.ander_naam ? `'${o.ander_naam}' ` : ''}(id ${o.ander_id}) over ${m2Nl(o.m2)}; die staat niet meer in deze levering. Bevestig het verwijderen ervan, anders kan de import niet worden uitgevoerd.` } as Probleem);
            continue;
          }
          problemen.push(fout('overlapt_kavel', o.in_bestand
            ? `Overlapt object ${o.ander_id}${o.ander_naam ? ` (${o.ander_naam})` : ''} uit dit bestand over ${m2Nl(o.m2)}.`
            : `Overlapt bestaande kavel ${o.ander_naam ? `'${o.ander_naam}' ` : ''}(id ${o.ander_id}) over ${m2Nl(o.m2)}.`,
          { ...plek, ...(o.in_bestand ? {} : { kavel_id: o.ander_id }) } as Partial<Probleem>));
        }
      }
      const status = waarden.status ?? b?.rij.status;
      if ((doel === 'transformaties' || doel === 'compensaties') && status !== 'vervallen' && !problemen.some((p) => p.ernst === 'fout')) {
        const oordeel = await judge(db, doel, m.ewkt, { excludeId: b?.id, datum: transformatieDatum({ ...(b?.rij ?? {}), ...waarden }) });
        for (const f of oordeel.fouten) problemen.push(fout(f.code, f.message, plek));
        for (const w of oordeel.waarschuwingen) problemen.push({ code: w.code, melding: w.message, ernst: 'waarschuwing', ...plek });
      }
      const check = layer.schema.partial().safeParse(waarden);
      if (!check.success) {
        for (const issue of check.error.issues) {
          const veld = String(issue.path[0] ?? '');
          problemen.push(fout('ongeldige_waarde', `${velden.find((v) => v.naam === veld)?.label ?? veld}: ${issue.message}.`, { veld }));
        }
      }
    }
    const heeftFout = problemen.some((p) => p.ernst === 'fout');
    const gewijzigd = b && waarden
      ? b.zelfde_vorm !== true || Object.entries(waarden).some(([k, v]) => !gelijk(b.rij[k], v))
      : false;
    uitkomsten.push({
      volgnr: r.volgnr,
      waarden: heeftFout ? null : waarden,
      oordeel: heeftFout ? 'fout' : !b ? 'nieuw' : gewijzigd ? 'gewijzigd' : 'ongewijzigd',
      problemen,
    });
  }
  return uitkomsten;
}

async function maakRapport(db: q.Queryable, actor: Actor, importId: string, verzoek: ControleVerzoek, epsg: number, n: number): Promise<Rapport> {
  const objecten = await q.rapportRijen(db, importId);
  const aantallen: Aantallen = { nieuw: 0, gewijzigd: 0, ongewijzigd: 0, fout: 0, waarschuwingen: 0 };
  for (const o of objecten) {
    aantallen[o.oordeel as keyof Omit<Aantallen, 'waarschuwingen'>] += 1;
    if (o.problemen.some((p) => p.ernst === 'waarschuwing')) aantallen.waarschuwingen += 1;
  }
  const zacht = !!writableLayer(verzoek.doel)!.softDeleteStatus;
  const missen = verzoek.bron_id_veld ? await q.ontbrekend(db, importId, verzoek.doel, verzoek.bron, zacht) : [];
  return {
    doel: verzoek.doel, bron: verzoek.bron, epsg, totaal: n, aantallen,
    objecten: objecten as Rapport['objecten'],
    ontbrekend: missen.map((o) => ({ id: o.id, naam: o.naam, bron_id: o.bron_id, gemeente: o.gemeente, mag_verwijderen: mayEditGemeente(actor, o.gemeente_id) })),
  };
}

// ---------------------------------------------------------------------------------
// Dry run and commit

export function startSchrijven(pool: pg.Pool, actor: Actor, s: ImportSessie, commit: boolean, verwijderIds: number[], ingangsdatum?: string) {
  const verzoek = s.verzoek;
  const rapport = s.rapport;
  if (!verzoek || !rapport) {
    throw new ApiError(409, 'eerst_controleren', 'Controleer het bestand eerst.');
  }
  if (ingangsdatum !== undefined) {
    if (!GEDATEERDE_DOELEN.includes(verzoek.doel)) {
      throw new ApiError(422, 'ingangsdatum_niet_van_toepassing',
        `${verzoek.doel[0].toUpperCase()}${verzoek.doel.slice(1)} hebben geen gedateerde historie: hun wijzigingen gelden vanaf vandaag. Laat de ingangsdatum weg.`);
    }
    weigerToekomst(ingangsdatum);
  }
  if (s.resultaat) throw new ApiError(409, 'import_klaar', 'Deze import is al uitgevoerd.');
  if (rapport.aantallen.fout > 0) {
    throw new ApiError(422, 'import_heeft_fouten', `${rapport.aantallen.fout} object(en) hebben fouten. Los die op in het bronbestand en controleer opnieuw; er is niets opgeslagen.`);
  }
  const toegestaan = new Set(rapport.ontbrekend.filter((o) => o.mag_verwijderen).map((o) => o.id));
  const nodig = new Set(rapport.objecten.flatMap((o) => o.problemen.filter((p) => p.code === 'overlapt_ontbrekende_kavel').map((p) => p.kavel_id!)));
  const onbevestigd = [...nodig].filter((id) => !verwijderIds.includes(id));
  if (onbevestigd.length) {
    throw new ApiError(422, 'bevestig_verwijderen',
      `Nieuwe of gewijzigde kavels overlappen kavel(s) ${onbevestigd.join(', ')} die niet meer in de levering staan. Bevestig dat die worden verwijderd; er is niets opgeslagen.`,
      { kavel_ids: onbevestigd });
  }
  const onbekend = verwijderIds.filter((id) => !toegestaan.has(id));
  if (onbekend.length) {
    throw new ApiError(422, 'verwijderen_niet_toegestaan', `Record(s) ${onbekend.join(', ')} staan niet in de lijst van ontbrekende records die u mag verwijderen.`);
  }
  start(pool, s, commit ? 'uitvoeren' : 'proefdraai', async (taak) => {
    const resultaat = await schrijf(pool, actor, s, verzoek, rapport, commit, verwijderIds, ingangsdatum, taak);
    if (commit) {
      s.resultaat = resultaat;
      await q.wisStaging(pool, s.id);
    } else {
      s.proef = resultaat;
    }
  });
}

async function schrijf(
  pool: pg.Pool, actor: Actor, s: ImportSessie, verzoek: ControleVerzoek, rapport: Rapport, commit: boolean, verwijderIds: number[],
  ingangsdatum: string | undefined, taak: Taak,
): Promise<SchrijfResultaat> {
  const layer = writableLayer(verzoek.doel)!;
  try {
    return await withAudit(pool, actor, `import ${s.bestandsnaam} (bron ${verzoek.bron})`, async (client) => {
      // The check again, inside the transaction: what is written is what is judged now.
      if (await q.versiesVeranderd(client, s.id, verzoek.doel)) {
        throw new ApiError(409, 'gewijzigd_sinds_controle', 'Sinds de controle heeft iemand records van deze bron gewijzigd. Controleer opnieuw; er is niets opgeslagen.');
      }
      await q.koppelBestaand(client, s.id, verzoek.doel, verzoek.bron);
      await controleerAlles(client, actor, s.id, verzoek, rapport.totaal, taak);
      const nu = await maakRapport(client, actor, s.id, verzoek, rapport.epsg, rapport.totaal);
      const a = nu.aantallen; const v = rapport.aantallen;
      if (a.fout || a.nieuw !== v.nieuw || a.gewijzigd !== v.gewijzigd || a.ongewijzigd !== v.ongewijzigd) {
        throw new ApiError(409, 'gewijzigd_sinds_controle',
          `Sinds de controle is er iets veranderd (nu ${a.nieuw} nieuw, ${a.gewijzigd} gewijzigd, ${a.fout} met fouten). Controleer opnieuw; er is niets opgeslagen.`);
      }
      if (ingangsdatum !== undefined) await zetIngangsdatumImport(client, s.id, layer, verwijderIds, ingangsdatum);
      taak.fase = 'opslaan';
      taak.gedaan = 0;
      taak.totaal = a.nieuw + a.gewijzigd + verwijderIds.length;
      const ids: number[] = [];
      for (const groep of await q.kolomGroepen(client, s.id, 'nieuw')) {
        ids.push(...await q.voegToe(client, s.id, verzoek.doel, verzoek.bron, groep.kolommen, groep.volgnrs));
        taak.gedaan = ids.length;
        checkAbort(taak);
      }
      const aangemaakt = ids.length;
      let bijgewerkt = 0;
      for (const groep of await q.kolomGroepen(client, s.id, 'gewijzigd')) {
        const gedaan = await q.werkBij(client, s.id, verzoek.doel, groep.kolommen, groep.volgnrs);
        if (gedaan.length !== groep.volgnrs.length) {
          throw new ApiError(409, 'gewijzigd_sinds_controle', 'Een record is tijdens het opslaan door iemand anders gewijzigd. Controleer opnieuw; er is niets opgeslagen.');
        }
        if (layer.table === 'compensatie') for (const id of gedaan) await assertToewijzingenPassen(client, id);
        ids.push(...gedaan);
        bijgewerkt += gedaan.length;
        taak.gedaan = ids.length;
        checkAbort(taak);
      }
      const nogOntbrekend = new Set(nu.ontbrekend.filter((o) => o.mag_verwijderen).map((o) => o.id));
      const weg = verwijderIds.filter((id) => nogOntbrekend.has(id));
      if (weg.length !== verwijderIds.length) {
        throw new ApiError(409, 'gewijzigd_sinds_controle', 'De lijst van ontbrekende records is sinds de controle veranderd. Controleer opnieuw; er is niets opgeslagen.');
      }
      if (weg.length) {
        if (layer.softDeleteStatus) {
          await client.query(`UPDATE ${layer.table} SET status = $1 WHERE id = ANY($2::int[]) AND bron = $3`, [layer.softDeleteStatus, weg, verzoek.bron]);
        } else {
          await releaseConfidentialReferences(client, layer, weg);
          try {
            await client.query(`DELETE FROM ${layer.table} WHERE id = ANY($1::int[]) AND bron = $2`, [weg, verzoek.bron]);
          } catch (err) {
            if ((err as { code?: string }).code === '23503') {
              throw new ApiError(409, 'in_gebruik', `Een van de te verwijderen records (${layer.label.toLowerCase()}) wordt nog gebruikt door andere gegevens, bijvoorbeeld een match of kavels op een terrein. Er is niets opgeslagen.`);
            }
            throw err;
          }
        }
      }
      const resultaat: SchrijfResultaat = {
        proef: !commit, aangemaakt, bijgewerkt, ongewijzigd: a.ongewijzigd, verwijderd: weg.length, ids,
        ingangsdatum: GEDATEERDE_DOELEN.includes(verzoek.doel) ? ingangsdatum ?? today() : null,
      };
      taak.gedaan = taak.totaal;
      if (!commit) throw new Proef(resultaat);
      return resultaat;
    });
  } catch (err) {
    if (err instanceof Proef) return err.resultaat;
    throw err;
  }
}

export { verwijder as verwijderSessie };

/**
 * All changes of this import take effect on `datum` (new records exist from then). Not
 * before the last change of a record it changes or removes: that would rewrite its history.
 */
async function zetIngangsdatumImport(client: pg.PoolClient, importId: string, layer: WritableLayer, verwijderIds: number[], datum: string) {
  const later = await q.laterGewijzigd(client, importId, layer.table, verwijderIds, datum);
  if (later.length) {
    const laatste = later[0].geldig_vanaf;
    const namen = later.slice(0, 5).map((r) => r.naam ? `${r.naam} (${r.id})` : String(r.id)).join(', ');
    throw new ApiError(422, 'ingangsdatum_te_vroeg',
      `De ingangsdatum ${datumLang(datum)} ligt vóór de laatste wijziging van ${later.length} record(s) in deze levering (${namen}${later.length > 5 ? ', …' : ''}), `
      + `de laatste op ${datumLang(laatste)}. Kies ${datumLang(laatste)} of later; er is niets opgeslagen.`,
      { reden: 'ingangsdatum_te_vroeg', ingangsdatum: datum, vorige_wijziging: laatste, ids: later.map((r) => r.id) });
  }
  await zetIngangsdatum(client, { ingangsdatum: datum });
}
