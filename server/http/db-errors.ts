// The one place where database errors that are the client's fault become API errors
// (Dutch, 4xx). The global error handler (errors.ts) uses it for every route, so a
// route or service never maps SQLSTATEs itself; it only catches a code where the
// code means something particular there (e.g. a delete refused by a foreign key).
import { ApiError } from './errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** Unique or exclusion constraints whose violation has its own meaning. */
const CONSTRAINT_ERRORS: Record<string, () => ApiError> = {
  match_kavel_een_actieve_match: () =>
    new ApiError(409, 'kavel_al_in_optie', 'Een van de kavels is al in optie voor een andere match.', { constraint: 'match_kavel_een_actieve_match' }),
};

/** "Key (terrein_id)=(987654) is not present in table "terrein"." → { kolom: 'terrein_id', waarde: '987654' } */
function foreignKey(detail: string | undefined): { kolom: string; waarde: string } | null {
  const m = /^Key \(([^)]+)\)=\((.*)\) is not present/.exec(detail ?? '');
  return m ? { kolom: m[1], waarde: m[2] } : null;
}

const isPgError = (err: unknown): err is PgError =>
  typeof err === 'object' && err !== null && typeof (err as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((err as PgError).code!);

/** The API error for a database error caused by the request, or null when it is the server's fault. */
export function apiErrorFromDatabase(err: unknown): ApiError | null {
  if (!isPgError(err)) return null;
  const code = err.code!;
  const constraint = err.constraint ? { constraint: err.constraint } : undefined;
  switch (code) {
    case '22003':
      return new ApiError(400, 'getal_buiten_bereik', 'Een getal is te groot of te klein.');
    case '22021':
    case '22P05':
      return new ApiError(400, 'ongeldige_tekens', 'Een tekst bevat een NUL-teken (\\0) of een ander teken dat niet kan worden opgeslagen.');
    case '22001':
      return new ApiError(400, 'te_lang', 'Een tekst is te lang.');
    case '22007':
    case '22008':
      return new ApiError(400, 'ongeldige_datum', 'Een datum bestaat niet of heeft een ongeldig formaat (gebruik JJJJ-MM-DD).');
    case '23502':
      return new ApiError(422, 'verplicht', `Een verplicht gegeven ontbreekt${err.column ? ` (${err.column})` : ''}.`, constraint);
    case '23503': {
      const fk = foreignKey(err.detail);
      return new ApiError(422, 'onbekende_verwijzing', fk
        ? `Een verwijzing klopt niet: ${fk.kolom} ${fk.waarde} bestaat niet.`
        : 'Een verwijzing klopt niet (bijvoorbeeld een onbekende milieucategorie, terrein, gemeente of kavel).', constraint);
    }
    case '23505':
      return CONSTRAINT_ERRORS[err.constraint ?? '']?.() ?? new ApiError(409, 'bestaat_al', 'Dit gegeven bestaat al.', constraint);
    case '23514':
      return new ApiError(422, 'ongeldige_waarde', 'Een waarde voldoet niet aan de regels van dit gegeven.', constraint);
    case '40001':
    case '40P01':
      return new ApiError(409, 'gelijktijdige_wijziging', 'Iemand anders wijzigde dezelfde gegevens tegelijk. Probeer het opnieuw.');
  }
  // Any other data exception (class 22): a value of the request in a wrong format.
  if (code.startsWith('22')) return new ApiError(400, 'ongeldige_waarde', 'Een waarde heeft een ongeldig formaat.');
  return null;
}
