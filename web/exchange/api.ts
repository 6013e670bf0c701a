// Calls of the exchange API through the typed client (web/api/http.ts): import
// sessions (upload with progress, check, dry run, commit, cancel), the download
// links of exports, and OGC access tokens. Every type comes from the generated
// schema (npm run gen:api).
import { ApiError, CSRF_HEADER } from '../api/client.ts';
import { call, csrfTokenNow, http, type Schemas } from '../api/http.ts';
import type { paths } from '../api/schema.gen.ts';

// Answers as the typed client returns them (openapi-fetch reads a tuple as an array).
type Antwoord<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type ImportSessie = Antwoord<typeof importApi.sessie>;
export type ControleVerzoek = Schemas['ImportControle'];
export type Doel = ControleVerzoek['doel'];
export type Veldkoppeling = ControleVerzoek['velden'][string];
export type BronLaag = ImportSessie['bronnen'][number]['lagen'][number];
export type Rapport = Antwoord<typeof importApi.rapport>;
export type SchrijfResultaat = NonNullable<ImportSessie['resultaat']>;
export type Doelveld = Antwoord<typeof importApi.doelvelden>[number]['velden'][number];
export type ImportKaart = Antwoord<typeof importApi.kaart>;
export type Token = Antwoord<typeof tokenApi.lijst>[number];
export type ExportFormaat = paths['/api/export/lagen/{laag}']['get']['parameters']['query']['formaat'];
export type MonitorTabel = NonNullable<paths['/api/export/monitor']['get']['parameters']['query']['tabel']>;

type Fout = Schemas['Fout'];

/**
 * Uploads a file as raw bytes (up to 100 MB), reporting progress 0..1. A plain
 * XMLHttpRequest, because fetch (and so openapi-fetch) reports no upload progress;
 * its answer is typed from the same schema as the typed client's.
 */
export function uploadBestand(file: File, onProgress: (fractie: number) => void): Promise<ImportSessie> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import?bestandsnaam=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const csrf = csrfTokenNow();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'netwerk', 'Het uploaden is mislukt: geen verbinding met de server.'));
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status === 201) return resolve(body as ImportSessie);
      const err = (body as Fout | null)?.error;
      const details = typeof err?.details === 'object' && err.details !== null ? err.details as Record<string, unknown> : undefined;
      reject(new ApiError(xhr.status, err?.code ?? 'http', err?.message ?? `Het uploaden is mislukt (${xhr.status}).`, details));
    };
    xhr.send(file);
  });
}

const pad = (id: string) => ({ params: { path: { id } } });

export const importApi = {
  doelvelden: () => call(http.GET('/api/import/doelvelden')),
  koppeling: (doel: Doel, bron: string) => call(http.GET('/api/import/koppelingen', { params: { query: { doel, bron } } })),
  sessie: (id: string) => call(http.GET('/api/import/{id}', pad(id))),
  rapport: (id: string) => call(http.GET('/api/import/{id}/rapport', pad(id))),
  kaart: (id: string) => call(http.GET('/api/import/{id}/kaart', pad(id))),
  controle: (id: string, verzoek: ControleVerzoek) => call(http.POST('/api/import/{id}/controle', { ...pad(id), body: verzoek })),
  schrijf: (id: string, stap: 'proefdraai' | 'uitvoeren', verwijder: number[], ingangsdatum?: string) => {
    const body = { verwijder_ontbrekend: verwijder, ...(ingangsdatum ? { ingangsdatum } : {}) };
    return call(stap === 'proefdraai'
      ? http.POST('/api/import/{id}/proefdraai', { ...pad(id), body })
      : http.POST('/api/import/{id}/uitvoeren', { ...pad(id), body }));
  },
  annuleer: (id: string) => call(http.POST('/api/import/{id}/annuleren', pad(id))),
  weg: (id: string) => call(http.DELETE('/api/import/{id}', pad(id))),
  /** The report as CSV: a download link, not a call. */
  rapportCsv: (id: string) => `/api/import/${encodeURIComponent(id)}/rapport.csv`,
};

export const tokenApi = {
  lijst: () => call(http.GET('/api/toegangstokens')),
  maak: (naam: string, geldig_dagen: number) => call(http.POST('/api/toegangstokens', { body: { naam, geldig_dagen } })),
  trekIn: (id: number) => call(http.DELETE('/api/toegangstokens/{id}', { params: { path: { id } } })),
};
