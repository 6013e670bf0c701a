import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { inlineParams } from '../../server/db/inline-params-client.ts';
import { hashPassword, verifyPassword } from '../../server/auth/passwords.ts';
import { createRandom } from '../../geodata/random.ts';
import { terreinNaam } from '../../geodata/terrein-names.ts';

// The text the client sends; that hostile values reach both databases unchanged
// (and NUL is refused cleanly) is tested in test/integration/inline-params.test.ts.
describe('inlineParams', () => {
  const client = new pg.Client();
  it('inlines escaped literals outside strings and comments', () => {
    const sql = `SELECT $1, '$1 stays', "$2col" -- it's $2 in a comment\n, $2, $$ $1 $$, /* $1 */ $3`;
    expect(inlineParams(client, sql, ["O'Brien \\", null, [1, 2]])).toBe(
      `SELECT  E'O''Brien \\\\', '$1 stays', "$2col" -- it's $2 in a comment\n, NULL, $$ $1 $$, /* $1 */ '{"1","2"}'`,
    );
  });
  it('refuses a parameter without value', () => {
    expect(() => inlineParams(client, 'SELECT $2', [1])).toThrow(/\$2/);
  });
});

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash); // salted
  });
});

describe('sample data helpers', () => {
  it('the PRNG repeats for a seed and differs between seeds', () => {
    const a = createRandom(71);
    const b = createRandom(71);
    const c = createRandom(72);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('names terrains by the region name, else OSM, else neutrally', () => {
    expect(terreinNaam("'t Heen | Zonnepark", 'Katwijk', 0)).toEqual({ naam: "'t Heen", naamBekend: true });
    expect(terreinNaam('Westwal', 'Leiden', 0)).toEqual({ naam: 'Westwal', naamBekend: true });
    expect(terreinNaam(null, 'Leiden', 3)).toEqual({ naam: 'Bedrijventerrein Leiden 3 (naam onbekend)', naamBekend: false });
  });
});
