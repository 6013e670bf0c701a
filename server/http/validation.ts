// Turns zod validation failures into the API's error shape, in Dutch.
import type { Context } from 'hono';
import { z, type ZodError } from 'zod';
import { errorBody } from './errors.ts';

// zod's default messages ("Unrecognized key", "Invalid input: expected string") in Dutch,
// for every schema of the API: the configuration is global to the zod module.
z.config(z.locales.nl());
// Two of its messages said in plainer Dutch; anything else falls back to the locale.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'dit veld is verplicht';
    if (issue.code === 'unrecognized_keys') return `onbekend veld ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    return undefined;
  },
});

type HookResult = { success: true } | { success: false; error: ZodError };

export function validationHook(result: HookResult, c: Context) {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({ pad: i.path.join('.'), melding: i.message }));
  const first = issues[0];
  const message = first ? `Ongeldige invoer${first.pad ? ` bij '${first.pad}'` : ''}: ${first.melding}` : 'Ongeldige invoer.';
  return c.json(errorBody('ongeldige_invoer', message, issues), 400);
}
