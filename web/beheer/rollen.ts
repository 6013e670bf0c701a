// The roles in the order the beheer screen offers them, from the generated API types.
import type { Rol } from './api.ts';

export const ROLLEN: readonly Rol[] = ['werkgroep', 'regisseur', 'stuurgroep', 'beheerder'];
