// The beheerder's account calls, through the typed client. Every change refreshes the
// list and the account's history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, http, type Schemas } from '../api/http.ts';

export type Account = Schemas['Account'];
export type EenmaligeLink = Schemas['EenmaligeLink'];
export type Rol = NonNullable<Account['rol']>;

export const beheerKeys = {
  all: ['beheer'] as const,
  lijst: ['beheer', 'accounts'] as const,
  historie: (id: number) => ['beheer', 'historie', id] as const,
};

export function useAccounts() {
  return useQuery({ queryKey: beheerKeys.lijst, queryFn: ({ signal }) => call(http.GET('/api/accounts', { signal })) });
}

export function useAccountHistory(id: number) {
  return useQuery({
    queryKey: beheerKeys.historie(id),
    queryFn: ({ signal }) => call(http.GET('/api/accounts/{id}/history', { params: { path: { id } }, signal })),
  });
}

function useBeheerMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: beheerKeys.all }) });
}

export interface NewAccount {
  email: string;
  naam: string;
  rol: Rol;
  gemeente?: string | null;
}

export const useCreateAccount = () =>
  useBeheerMutation((body: NewAccount) => call(http.POST('/api/accounts', { body })));

export interface AccountChange {
  version: number;
  naam?: string;
  rol?: Rol;
  gemeente?: string | null;
  actief?: boolean;
}

export const useChangeAccount = (id: number) =>
  useBeheerMutation((body: AccountChange) => call(http.PATCH('/api/accounts/{id}', { params: { path: { id } }, body })));

export const useRevokeSessions = (id: number) =>
  useBeheerMutation(() => call(http.DELETE('/api/accounts/{id}/sessies', { params: { path: { id } } })));

export const useIssueLink = (id: number) =>
  useBeheerMutation(() => call(http.POST('/api/accounts/{id}/wachtwoord-link', { params: { path: { id } } })));

export const useResetSecondFactor = (id: number) =>
  useBeheerMutation(() => call(http.DELETE('/api/accounts/{id}/tweede-factor', { params: { path: { id } } })));
