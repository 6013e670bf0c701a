// React Query hooks for the ruimtevragen register and matching. Every write
// invalidates what it changes: the register, the candidates, the matches, and the
// kavels layer when a step puts kavels in optie or releases them.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, CSRF_HEADER, getJson, sendJson } from '../api/client.ts';
import { queryKeys } from '../api/hooks.ts';
import { useMe } from '../api/session.ts';
import type {
  ImportRapport, Instelling, KandidatenAntwoord, Match, MatchRij, MatchStatus, RegioAntwoord, RegisterFilter, Ruimtevraag,
  Scheefwerken, VoorstellenAntwoord,
} from './types.ts';

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

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

function useCsrf(): () => string {
  const me = useMe();
  return () => {
    if (!me.data) throw new ApiError(401, 'niet_ingelogd', 'U bent niet (meer) ingelogd.');
    return me.data.csrfToken;
  };
}

/** After any matching write: everything matching-related, and the kavels on the map (status in optie). */
async function afterMatchingWrite(client: QueryClient) {
  await Promise.all([
    client.invalidateQueries({ queryKey: matchingKeys.all }),
    client.invalidateQueries({ queryKey: queryKeys.layer('kavels') }),
    client.invalidateQueries({ queryKey: ['balans'] }),
  ]);
}

export function useRegister(filter: RegisterFilter) {
  return useQuery({
    queryKey: matchingKeys.register(filter),
    queryFn: ({ signal }) => getJson<Ruimtevraag[]>(`/api/ruimtevragen${query({ ...filter })}`, signal),
  });
}

export function useRuimtevraag(id: number) {
  return useQuery({ queryKey: matchingKeys.vraag(id), queryFn: ({ signal }) => getJson<Ruimtevraag>(`/api/ruimtevragen/${id}`, signal) });
}

export function useKandidaten(id: number, gewichten: Record<string, number> | null) {
  const params = Object.fromEntries(Object.entries(gewichten ?? {}).map(([k, v]) => [`gewicht_${k}`, v]));
  return useQuery({
    queryKey: matchingKeys.kandidaten(id, gewichten),
    queryFn: ({ signal }) => getJson<KandidatenAntwoord>(`/api/ruimtevragen/${id}/kandidaten${query({ ...params, limiet: 25 })}`, signal),
  });
}

export function useMatches(vraagId?: number, enabled = true) {
  return useQuery({
    queryKey: matchingKeys.matches(vraagId),
    queryFn: ({ signal }) => getJson<MatchRij[]>(`/api/matches${query({ ruimtevraag_id: vraagId })}`, signal),
    enabled,
  });
}

export function useMatch(id: number) {
  return useQuery({ queryKey: matchingKeys.match(id), queryFn: ({ signal }) => getJson<Match>(`/api/matches/${id}`, signal) });
}

export function useInstellingen(enabled: boolean) {
  return useQuery({ queryKey: matchingKeys.instellingen, queryFn: ({ signal }) => getJson<Instelling[]>('/api/matching/instellingen', signal), enabled });
}

export function useScheefwerken(enabled: boolean) {
  return useQuery({ queryKey: matchingKeys.scheefwerken, queryFn: ({ signal }) => getJson<Scheefwerken>('/api/signalen/scheefwerken', signal), enabled });
}

export function useSaveRuimtevraag() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Record<string, unknown> }) =>
      id === undefined
        ? sendJson<Ruimtevraag>('POST', '/api/ruimtevragen', body, csrf())
        : sendJson<Ruimtevraag>('PATCH', `/api/ruimtevragen/${id}`, body, csrf()),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useIntrekken() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => sendJson<Ruimtevraag>('DELETE', `/api/ruimtevragen/${id}?version=${version}`, undefined, csrf()),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useCreateMatch() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (body: { ruimtevraag_id: number; kavel_ids: number[]; reden?: string }) => sendJson<Match>('POST', '/api/matches', body, csrf()),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useMatchStap() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; version: number; status: MatchStatus; reden: string; datum?: string; persoon?: string }) =>
      sendJson<Match>('PATCH', `/api/matches/${id}`, body, csrf()),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useRegio() {
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (body: Record<string, number>) => sendJson<RegioAntwoord>('POST', '/api/matching/regio', body, csrf()),
  });
}

export function useVoorstellen() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    // Exactly the result on screen becomes the matches; the server refuses (409) when the data changed since.
    mutationFn: (resultaat_id: number) => sendJson<VoorstellenAntwoord>('POST', '/api/matching/regio/voorstellen', { resultaat_id }, csrf()),
    onSuccess: () => afterMatchingWrite(client),
  });
}

export function useSaveInstellingen() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (body: Record<string, number>) => sendJson<Instelling[]>('PATCH', '/api/matching/instellingen', body, csrf()),
    onSuccess: () => client.invalidateQueries({ queryKey: matchingKeys.all }),
  });
}

/** CSV import: the server answers a report both when valid (200) and with row errors (422). */
export function useCsvImport() {
  const client = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: async ({ text, proef }: { text: string; proef: boolean }): Promise<ImportRapport> => {
      const res = await fetch(`/api/ruimtevragen/import${proef ? '?dry_run=1' : ''}`, {
        method: 'POST', headers: { 'Content-Type': 'text/csv', Accept: 'application/json', [CSRF_HEADER]: csrf() }, body: text,
      });
      const body = await res.json().catch(() => null);
      if (res.ok || (res.status === 422 && body && Array.isArray(body.fouten))) return body as ImportRapport;
      throw new ApiError(res.status, body?.error?.code ?? 'http', body?.error?.message ?? `Import mislukt (HTTP ${res.status}).`);
    },
    onSuccess: (r) => { if (!r.proefdraai && r.geldig) void afterMatchingWrite(client); },
  });
}
