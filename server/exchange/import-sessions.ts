// Import sessions live in the server's memory while a user works through the import
// screen: the uploaded files on disk, what GDAL found in them, the running or last
// task with its progress, and the check's report. They belong to the user who
// uploaded; an idle session expires and its files and staging rows are removed.
import { rm } from 'node:fs/promises';
import type pg from 'pg';
import { ApiError } from '../http/errors.ts';
import type { Bron } from './sources.ts';
import type { Doel } from './doelvelden.ts';
import type { Koppeling, Probleem } from './mapping.ts';
import { wisStaging } from './import-queries.ts';

export interface ControleVerzoek extends Koppeling {
  bestand: string;
  laag: string;
  doel: Doel;
  bron: string;
  epsg?: number | null;
}

export type TaakSoort = 'controle' | 'proefdraai' | 'uitvoeren';

export interface Taak {
  soort: TaakSoort;
  status: 'bezig' | 'klaar' | 'mislukt' | 'geannuleerd';
  fase: string;
  gedaan: number;
  totaal: number;
  fout: { code: string; message: string; details?: unknown } | null;
  abort: AbortController;
}

export interface RapportObject {
  volgnr: number;
  fid: string | null;
  bron_id: string | null;
  naam: string | null;
  oordeel: 'nieuw' | 'gewijzigd' | 'ongewijzigd' | 'fout';
  ha: number | null;
  bestaand_id: number | null;
  problemen: Probleem[];
}

export interface Aantallen { nieuw: number; gewijzigd: number; ongewijzigd: number; fout: number; waarschuwingen: number }

export interface Rapport {
  doel: Doel;
  bron: string;
  epsg: number;
  totaal: number;
  aantallen: Aantallen;
  objecten: RapportObject[];
  ontbrekend: { id: number; naam: string | null; bron_id: string; gemeente: string; mag_verwijderen: boolean }[];
}

export interface SchrijfResultaat {
  proef: boolean;
  /** The date the changes take effect (layers with a dated history; null for the others). */
  ingangsdatum: string | null;
  aangemaakt: number;
  bijgewerkt: number;
  ongewijzigd: number;
  verwijderd: number;
  ids: number[];
}

export interface ImportSessie {
  id: string;
  accountId: number;
  dir: string;
  bestandsnaam: string;
  grootte: number;
  bronnen: Bron[];
  laatst: number;
  verzoek: ControleVerzoek | null;
  taak: Taak | null;
  rapport: Rapport | null;
  proef: SchrijfResultaat | null;
  resultaat: SchrijfResultaat | null;
}

/** An idle session is removed after this long. */
export const SESSIE_MS = 2 * 60 * 60 * 1000;
export const MAX_SESSIES_PER_ACCOUNT = 3;

const sessies = new Map<string, ImportSessie>();

export function registreer(s: ImportSessie) {
  sessies.set(s.id, s);
}

export const sessiesVan = (accountId: number) => [...sessies.values()].filter((s) => s.accountId === accountId);

/** The user's own session, or 404 (also for someone else's: its existence is not told). */
export function sessie(id: string, accountId: number): ImportSessie {
  const s = sessies.get(id);
  if (!s || s.accountId !== accountId) throw new ApiError(404, 'import_onbekend', 'Deze import bestaat niet (meer). Begin opnieuw met uploaden.');
  s.laatst = Date.now();
  return s;
}

export async function verwijder(pool: pg.Pool, s: ImportSessie) {
  s.taak?.abort.abort();
  sessies.delete(s.id);
  await rm(s.dir, { recursive: true, force: true });
  await wisStaging(pool, s.id).catch(() => undefined);
}

/** Removes idle sessions (called on every new upload). */
export async function ruimOp(pool: pg.Pool, now = Date.now()) {
  for (const s of [...sessies.values()]) {
    if (now - s.laatst > SESSIE_MS && s.taak?.status !== 'bezig') await verwijder(pool, s);
  }
}

export const isBezig = (s: ImportSessie) => s.taak?.status === 'bezig';
