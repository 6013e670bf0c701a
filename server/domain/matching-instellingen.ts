// Validation of matching settings at the API edge: every setting within its bounds
// (INSTELLING_GRENZEN in server/domain/matching-model.ts), as zod schemas for the JSON
// bodies and query strings that carry them.
import { z } from '@hono/zod-openapi';
import { INSTELLING_GRENZEN, instellingFout, isInstelling, type InstellingSleutel } from './matching-model.ts';

const binnenGrenzen = (sleutel: InstellingSleutel) => (v: number, ctx: z.RefinementCtx) => {
  const fout = instellingFout(sleutel, v);
  if (fout) ctx.addIssue({ code: 'custom', message: fout });
};

/** One setting in a JSON body. */
export const instellingGetal = (sleutel: InstellingSleutel) =>
  z.number({ message: `${sleutel} moet een getal zijn` }).superRefine(binnenGrenzen(sleutel))
    .openapi({ minimum: INSTELLING_GRENZEN[sleutel].min, maximum: INSTELLING_GRENZEN[sleutel].max });

/** One setting in a query string. */
export const instellingQuery = (sleutel: InstellingSleutel) =>
  z.coerce.number({ message: `${sleutel} moet een getal zijn` }).superRefine(binnenGrenzen(sleutel));

/** Optional overrides for these settings, as an object shape. */
export function instellingVelden<K extends InstellingSleutel>(sleutels: readonly K[], bron: 'body' | 'query') {
  return Object.fromEntries(sleutels.map((k) => [k, (bron === 'body' ? instellingGetal(k) : instellingQuery(k)).optional()])) as
    Record<K, z.ZodOptional<z.ZodNumber>>;
}

/** PATCH body: known settings within bounds; unknown keys are left to the route (422 onbekende_instelling). */
export const InstellingenWijziging = z.record(z.string(), z.number({ message: 'waarde moet een getal zijn' }))
  .superRefine((body, ctx) => {
    for (const [k, v] of Object.entries(body)) {
      const fout = isInstelling(k) ? instellingFout(k, v) : null;
      if (fout) ctx.addIssue({ code: 'custom', path: [k], message: fout });
    }
  });
