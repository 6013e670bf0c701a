// What the signed-in user may do, from the capabilities in /api/auth/me (`mag`: the
// routes its role may call, taken from the server's access declarations). The
// server enforces them; the screens only decide which buttons and tabs to show.
import type { paths } from './schema.gen.ts';
import type { Me } from './session.ts';

type Methode = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** A route as "METHOD /api/path", e.g. "POST /api/matches". */
export type Route = `${Methode} ${Extract<keyof paths, string>}`;

export const mag = (me: Pick<Me, 'mag'>, route: Route): boolean => me.mag.includes(route);
