// Turns zod validation failures into the API's error shape, in Dutch.
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { errorBody } from './errors.ts';

type HookResult = { success: true } | { success: false; error: ZodError };

export function validationHook(result: HookResult, c: Context) {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({ pad: i.path.join('.'), melding: i.message }));
  const first = issues[0];
  const message = first ? `Ongeldige invoer${first.pad ? ` bij '${first.pad}'` : ''}: ${first.melding}` : 'Ongeldige invoer.';
  return c.json(errorBody('ongeldige_invoer', message, issues), 400);
}
