// One's own account through the typed client: password, sessions, second factor.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, http } from '../api/http.ts';

const sessiesKey = ['mijn-account', 'sessies'] as const;

export function useOwnSessions() {
  return useQuery({ queryKey: sessiesKey, queryFn: ({ signal }) => call(http.GET('/api/mijn-account/sessies', { signal })) });
}

export function useEndOwnSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(http.DELETE('/api/mijn-account/sessies/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: sessiesKey }),
  });
}

export function useChangeOwnPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { huidig: string; nieuw: string }) => call(http.POST('/api/mijn-account/wachtwoord', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: sessiesKey }),
  });
}

export function useNewRecoveryCodes() {
  return useMutation({
    mutationFn: (code: string) => call(http.POST('/api/mijn-account/tweede-factor/herstelcodes', { body: { code } })),
  });
}

export function useRemoveSecondFactor() {
  return useMutation({
    mutationFn: (code: string) => call(http.DELETE('/api/mijn-account/tweede-factor', { body: { code } })),
  });
}
