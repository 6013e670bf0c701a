// Typed calls of the exchange API: import sessions (upload with progress, check, dry
// run, commit, cancel), exports (plain download links) and OGC access tokens.
import { ApiError, getJson, sendJson, CSRF_HEADER } from '../api/client.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const DOELEN = ['kavels', 'terreinen', 'kanszones', 'transformaties', 'compensaties'] as const;
export type Doel = (typeof DOELEN)[number];

export type Veldkoppeling = { veld: string } | { vast: string | number | boolean | null };

export interface ControleVerzoek {
  bestand: string;
  laag: string;
  doel: Doel;
  bron: string;
  bron_id_veld: string | null;
  epsg?: number | null;
  velden: Record<string, Veldkoppeling>;
}

export interface BronLaag {
  naam: string;
  geometrietype: string | null;
  aantal: number | null;
  crs: { epsg: number | null; naam: string | null } | null;
  crs_oordeel: { ok: boolean; epsg?: number; code?: string; melding?: string; voorstel_epsg?: number };
  velden: { naam: string; type: string; voorbeelden: string[] }[];
}

export interface Aantallen { nieuw: number; gewijzigd: number; ongewijzigd: number; fout: number; waarschuwingen: number }
export interface SchrijfResultaat { proef: boolean; aangemaakt: number; bijgewerkt: number; ongewijzigd: number; verwijderd: number; ids: number[] }

export interface ImportSessie {
  id: string;
  bestandsnaam: string;
  grootte: number;
  bronnen: { bestand: string; formaat: string; meldingen: string[]; lagen: BronLaag[] }[];
  verzoek: ControleVerzoek | null;
  taak: {
    soort: 'controle' | 'proefdraai' | 'uitvoeren';
    status: 'bezig' | 'klaar' | 'mislukt' | 'geannuleerd';
    fase: string; gedaan: number; totaal: number;
    fout: { code: string; message: string; details?: unknown } | null;
  } | null;
  samenvatting: { totaal: number; aantallen: Aantallen; ontbrekend: number } | null;
  proef: SchrijfResultaat | null;
  resultaat: SchrijfResultaat | null;
}

export interface Probleem { code: string; melding: string; ernst: 'fout' | 'waarschuwing'; veld?: string; locatie?: [number, number]; kavel_id?: number }

export interface Rapport {
  doel: Doel; bron: string; epsg: number; totaal: number; aantallen: Aantallen;
  objecten: { volgnr: number; fid: string | null; bron_id: string | null; naam: string | null; oordeel: 'nieuw' | 'gewijzigd' | 'ongewijzigd' | 'fout'; ha: number | null; bestaand_id: number | null; problemen: Probleem[] }[];
  ontbrekend: { id: number; naam: string | null; bron_id: string; gemeente: string; mag_verwijderen: boolean }[];
}

export interface Doelveld {
  naam: string; label: string; soort: 'tekst' | 'getal' | 'ja_nee' | 'datum' | 'milieucategorie' | 'keuze';
  verplicht: boolean; leeg_toegestaan: boolean; waarden?: string[];
}

export type ImportKaart = FeatureCollection<Polygon | MultiPolygon, { volgnr: number; bron_id: string | null; naam: string | null; oordeel: Rapport['objecten'][number]['oordeel'] | null; problemen: number }>;

export interface Token {
  id: number; naam: string; voorvoegsel: string; aangemaakt_op: string; verloopt_op: string;
  laatst_gebruikt_op: string | null; ingetrokken_op: string | null;
}

/** Uploads a file as raw bytes (up to 100 MB), reporting progress 0..1. */
export function uploadBestand(file: File, csrf: string, onProgress: (fractie: number) => void): Promise<ImportSessie> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import?bestandsnaam=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'netwerk', 'Het uploaden is mislukt: geen verbinding met de server.'));
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status === 201) return resolve(body as ImportSessie);
      const err = (body as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'http', err?.message ?? `Het uploaden is mislukt (${xhr.status}).`, err?.details));
    };
    xhr.send(file);
  });
}

export const importApi = {
  doelvelden: () => getJson<{ doel: Doel; velden: Doelveld[] }[]>('/api/import/doelvelden'),
  koppeling: (doel: Doel, bron: string) =>
    getJson<{ koppeling: { bron_id_veld: string | null; velden: Record<string, Veldkoppeling>; epsg: number | null } | null }>(
      `/api/import/koppelingen?doel=${doel}&bron=${encodeURIComponent(bron)}`),
  sessie: (id: string) => getJson<ImportSessie>(`/api/import/${id}`),
  rapport: (id: string) => getJson<Rapport>(`/api/import/${id}/rapport`),
  kaart: (id: string) => getJson<ImportKaart>(`/api/import/${id}/kaart`),
  controle: (id: string, verzoek: ControleVerzoek, csrf: string) => sendJson<ImportSessie>('POST', `/api/import/${id}/controle`, verzoek, csrf),
  schrijf: (id: string, stap: 'proefdraai' | 'uitvoeren', verwijder: number[], csrf: string) =>
    sendJson<ImportSessie>('POST', `/api/import/${id}/${stap}`, { verwijder_ontbrekend: verwijder }, csrf),
  annuleer: (id: string, csrf: string) => sendJson<ImportSessie>('POST', `/api/import/${id}/annuleren`, undefined, csrf),
  weg: (id: string, csrf: string) => sendJson<{ verwijderd: true }>('DELETE', `/api/import/${id}`, undefined, csrf),
  rapportCsv: (id: string) => `/api/import/${id}/rapport.csv`,
};

export const tokenApi = {
  lijst: () => getJson<Token[]>('/api/toegangstokens'),
  maak: (naam: string, geldig_dagen: number, csrf: string) => sendJson<Token & { token: string }>('POST', '/api/toegangstokens', { naam, geldig_dagen }, csrf),
  trekIn: (id: number, csrf: string) => sendJson<Token>('DELETE', `/api/toegangstokens/${id}`, undefined, csrf),
};
