// Sign-in state. The API answers 401 to every map request without a session,
// so the app asks "who am I" first and shows the sign-in form when nobody is.
// Whoever signs in hands its CSRF token to the typed client (setCsrfToken), the one
// place every state-changing request takes it from.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { call, http, setCsrfToken, type Schemas } from './http.ts';

/** The signed-in account with what its role may call (`mag`) and its gemeente (werkgroep). */
export type Me = Schemas['Ik'];

export const ME_KEY = ['auth', 'me'] as const;

const signedIn = (me: Me) => {
  setCsrfToken(me.csrfToken);
  return me;
};

/** The signed-in account, or null when signed out (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        return signedIn(await call(http.GET('/api/auth/me', { signal })));
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
    mutationFn: async (body: { email: string; wachtwoord: string }) => signedIn(await call(http.POST('/api/auth/login', { body }))),
    onSuccess: (me) => {
      // Data fetched while signed out (all 401s) must be fetched again.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(http.POST('/api/auth/logout')),
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
