// The answer of /api/adviezen, also frozen in a meeting's snapshot.
import { z } from '@hono/zod-openapi';
import { ADVIES_SOORTEN, ADVIES_TABELLEN, ADVIES_TYPES, BESLUITEN } from '../domain/advies.ts';

export const AdviesSchema = z.object({
  id: z.number().int(),
  soort: z.enum(ADVIES_SOORTEN),
  type: z.enum(ADVIES_TYPES),
  gevraagd: z.boolean().openapi({ description: 'Gevraagd door de stuurgroep, of ongevraagd' }),
  titel: z.string(),
  tekst: z.string(),
  vergadering: z.object({ id: z.number().int(), titel: z.string(), datum: z.string(), gremium: z.string() }).nullable(),
  besluit: z.object({ besluit: z.enum(BESLUITEN), toelichting: z.string().nullable(), datum: z.string() }).nullable()
    .openapi({ description: 'Het besluit van de stuurgroep, vastgelegd na de vergadering' }),
  escalatie: z.string().nullable(),
  objecten: z.array(z.object({ tabel: z.enum(ADVIES_TABELLEN), id: z.number().int(), naam: z.string().nullable(), bestaat: z.boolean() })),
  version: z.number().int(),
  aangemaakt_op: z.string(),
  gewijzigd_op: z.string(),
}).openapi('Advies');
