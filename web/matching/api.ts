// React Query hooks for the ruimtevragen register and matching, over the typed
// client (web/api/http.ts: paths, bodies and answers typed from the server's
// schemas; the CSRF token is added there). Every write invalidates what it
// changes: the register, the candidates, the matches, and the kavels layer when
// a step puts kavels in optie or releases them.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call, http, type Schemas } from '../api/http.ts';
import { queryKeys } from '../api/hooks.ts';
import type { paths } from '../api/schema.gen.ts';

/** Answers of the matching API, named as the server names them. */
export type Ruimtevraag = Schemas['Ruimtevraag'];
export type Kandidaat = Schemas['Kandidaat'];
export type KandidatenAntwoord = Schemas['KandidatenAntwoord'];
export type Match = Schemas['Match'];
export type MatchRij = Schemas['MatchRij'];
export type RegioAntwoord = Schemas['RegioAntwoord'];
export type RegioKeten = Schemas['Keten'];
export type ImportRapport = Schemas['RuimtevraagImportRapport'];
export type Passend = Kandidaat['passend'];

/** The filters of the register list (GET /api/ruimtevragen). */
export type RegisterFilter = NonNullable<paths['/api/ruimtevragen']['get']['parameters']['query']>;
export type NieuweVraag = paths['/api/ruimtevragen']['post']['requestBody']['content']['application/json'];
export type VraagWijziging = paths['/api/ruimtevragen/{id}']['patch']['requestBody']['content']['application/json'];
type MatchStap = paths['/api/matches/{id}']['patch']['requestBody']['content']['application/json'];
type RegioInstellingen = NonNullable<paths['/api/matching/regio']['post']['requestBody']>['content']['application/json'];

export const matchingKeys = {
  all: ['matching'] as const,
  register: (f: RegisterFilter) => ['matching', 'register', f] as const,
  vraag: (id: number) => ['matching', 'vraag', id] as const,
  kandidaten: (id: number, gewichten: Record<string, number> | null) => ['matching', 'kandidaten', id, gewichten] as const,
  matches: (vraagId?: number) => ['matching', 'matches', vraagId ?? null] as const,
  match: (id: number) => ['matching', 'match', id] as const,
  instellingen: ['matching', 'instellingen'] as const,
  scheefwerken: ['matching', 'scheefwerken'] as const,
};

/** After any matching write: everything matching-related, and the kavels on the map (status in optie). */
async function afterMatchingWrite(client: QueryClient) {
  await Promise.all([
    client.invalidateQueries({ queryKey: matchingKeys.all }),
    client.invalidateQueries({ queryKey: queryKeys.layer('kavels') }),
    client.invalidateQueries({ queryKey: ['balans'] }),
  ]);
}

/** Leaves out empty filters, so that `?status=` does not reach the server. */
const zonderLeeg = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

export function useRegister(filter: RegisterFilter) {
  return useQuery({
    queryKey: matchingKeys.register(filter),
    queryFn: ({ signal }) => call(http.GET('/api/ruimtevragen', { params: { query: zonderLeeg(filter) }, signal })),
  });
}

export function useRuimtevraag(id: number) {
  return useQuery({
    queryKey: matchingKeys.vraag(id),
    queryFn: ({ signal }) => call(http.GET('/api/ruimtevragen/{id}', { params: { path: { id } }, signal })),
  });
}

export function useKandidaten(id: number, gewichten: Record<string, number> | null) {
  const query = { ...Object.fromEntries(Object.entries(gewichten ?? {}).map(([k, v]) => [`gewicht_${k}`, v])), limiet: 25 };
  return useQuery({
    queryKey: matchingKeys.kandidaten(id, gewichten),
    queryFn: ({ signal }) => call(http.GET('/api/ruimtevragen/{id}/kandidaten', { params: { path: { id }, query }, signal })),
  });
}

export function useMatches(vraagId?: number, enabled = true) {
  return useQuery({
    queryKey: matchingKeys.matches(vraagId),
    queryFn: ({ signal }) => call(http.GET('/api/matches', { params: { query: zonderLeeg({ ruimtevraag_id: vraagId }) }, signal })),
    enabled,
  });
}

export function useMatch(id: number) {
  return useQuery({
    queryKey: matchingKeys.match(id),
    queryFn: ({ signal }) => call(http.GET('/api/matches/{id}', { params: { path: { id } }, signal })),
  });
}

export function useInstellingen(enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.instellingen,
    queryFn: ({ signal }) => call(http.GET('/api/matching/instellingen', { signal })),
    enabled,
  });
}

export function useScheefwerken(enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.scheefwerken,
    queryFn: ({ signal }) => call(http.GET('/api/signalen/scheefwerken', { signal })),
    enabled,
  });
}

export function useSaveRuimtevraag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: undefined; body: NieuweVraag } | { id: number; body: VraagWijziging }) =>
      v.id === undefined
        ? call(http.POST('/api/ruimtevragen', { body: v.body }))
        : call(http.PATCH('/api/ruimtevragen/{id}', { params: { path: { id: v.id } }, body: v.body })),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useIntrekken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      call(http.DELETE('/api/ruimtevragen/{id}', { params: { path: { id }, query: { version: String(version) } } })),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useCreateMatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ruimtevraag_id: number; kavel_ids: number[]; reden?: string }) => call(http.POST('/api/matches', { body })),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useMatchStap() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: MatchStap & { id: number }) => call(http.PATCH('/api/matches/{id}', { params: { path: { id } }, body })),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useRegio() {
  return useMutation({
    mutationFn: (body: RegioInstellingen) => call(http.POST('/api/matching/regio', { body })),
  });
}

export function useVoorstellen() {
  const client = useQueryClient();
  return useMutation({
    // Exactly the result on screen becomes the matches; the server refuses (409) when the data changed since.
    mutationFn: (resultaat_id: number) => call(http.POST('/api/matching/regio/voorstellen', { body: { resultaat_id } })),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useSaveInstellingen() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, number>) => call(http.PATCH('/api/matching/instellingen', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: matchingKeys.all }),
  });
}

/** CSV import: the server answers a report both when valid (200) and with row errors (422). */
export function useCsvImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, proef }: { text: string; proef: boolean }): Promise<ImportRapport> => {
      const answer = http.POST('/api/ruimtevragen/import', {
        params: { query: proef ? { dry_run: '1' } : {} }, body: text, bodySerializer: (b) => b, headers: { 'Content-Type': 'text/csv' },
      });
      const { error, response } = await answer;
      if (response.status === 422 && error && 'fouten' in error) return error;
      return call(answer);
    },
    onSuccess: (r) => { if (!r.proefdraai && r.geldig) void afterMatchingWrite(client); },
  });
}
