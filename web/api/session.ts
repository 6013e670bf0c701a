// Sign-in state. The API answers 401 to every map request without a session, so the
// app asks "who am I" first and shows the sign-in screen when nobody is, or when the
// session still needs its second factor (`stap`). The CSRF token of the session is
// handed to the typed client here, and only here: from "who am I", on every sign-in
// step, and cleared on sign-out.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { call, http, setCsrfToken, type Schemas } from './http.ts';

/** The signed-in account with what its role may call (`mag`) and its gemeente (werkgroep). */
export type Me = Schemas['Ik'];

export const ME_KEY = ['auth', 'me'] as const;

function remember(me: Me | null): Me | null {
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

/** The signed-in account (possibly still before its second factor), or null when signed out. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        return remember(await call(http.GET('/api/auth/me', { signal })));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return remember(null);
        throw err;
      }
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** A sign-in step succeeded: this is who is signed in now (the session's token may be new). */
export function signedIn(client: QueryClient, me: Me): void {
  remember(me);
  // Data fetched before (all 401s) must be fetched again.
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, me);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; wachtwoord: string }) => call(http.POST('/api/auth/login', { body })),
    onSuccess: (me) => signedIn(client, me),
  });
}

/** The second factor: a code from the authenticator app, or a recovery code. */
export function useSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => call(http.POST('/api/auth/tweede-factor', { body: { code } })),
    onSuccess: (me) => signedIn(client, me),
  });
}

/** Starts enrolling a TOTP factor: the QR code and secret (with a current code when replacing one). */
export function useStartEnrolment() {
  return useMutation({
    mutationFn: (code?: string) => call(http.POST('/api/auth/tweede-factor/inschrijven', { body: code ? { code } : {} })),
  });
}

/**
 * Confirms the enrolment. The session's token changes at once (so does the CSRF token),
 * but the app shows the recovery codes before it moves on: the caller calls `signedIn`
 * once they are saved.
 */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (code: string) => call(http.POST('/api/auth/tweede-factor/bevestigen', { body: { code } })),
    onSuccess: ({ ik }) => remember(ik),
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

/** Forget everything of the session; the app falls back to the sign-in screen. */
export function signedOut(client: QueryClient): void {
  remember(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

/** How this installation signs in: password on or off, and the identity providers. */
export function useAanmeldOpties() {
  return useQuery({
    queryKey: ['auth', 'aanmeldopties'],
    queryFn: ({ signal }) => call(http.GET('/api/auth/aanmeldopties', { signal })),
    staleTime: Infinity,
  });
}

/** The person behind a one-time link, or why the link no longer works. */
export function useLinkCheck(token: string) {
  return useQuery({
    queryKey: ['auth', 'wachtwoord-link', token],
    queryFn: () => call(http.POST('/api/auth/wachtwoord-link', { body: { token } })),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
  });
}

export function useSetPasswordWithLink() {
  return useMutation({
    mutationFn: (body: { token: string; wachtwoord: string }) => call(http.POST('/api/auth/wachtwoord-link/instellen', { body })),
  });
}
