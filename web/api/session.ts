// Sign-in state. The API answers 401 to every map request without a session,
// so the app asks "who am I" first and shows the sign-in form when nobody is.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.ts';
import { setCsrfToken } from './http.ts';
import type { Me } from './types.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in account, or null when signed out (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        const me = await api.me(signal);
        // The typed client (web/api/http.ts) sends it with every state-changing request.
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ email, wachtwoord }: { email: string; wachtwoord: string }) => api.login(email, wachtwoord),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Data fetched while signed out (all 401s) must be fetched again.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (me: Me) => api.logout(me.csrfToken),
    // Signed out locally even if the server call failed: the session is unusable either way.
    onSettled: () => signedOut(client),
  });
}

/** Forget everything of the session; the app falls back to the sign-in form. */
export function signedOut(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}
