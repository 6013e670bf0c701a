// WAL positions from the cookie: parsed exactly, compared as numbers, and anything
// else (a tampered or foreign cookie) ignored.
import { describe, expect, it } from 'vitest';
import { parseLsn } from '../../server/db/read-routing.ts';

describe('parseLsn', () => {
  it('reads PostgreSQL LSNs as 64-bit positions', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/9F3E3FD8')).toBe(0x9f3e3fd8n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('16/b374d848')).toBe(parseLsn('16/B374D848'));
  });

  it('orders by the high part first (text order would not)', () => {
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn('A/0')! > parseLsn('9/FFFFFFFF')!).toBe(true);
  });

  it('refuses what is not an LSN', () => {
    for (const bad of [undefined, null, '', '0', '0/', '/0', '0/123456789', 'G/0', '0/0; x', '0%2F10']) {
      expect(parseLsn(bad), String(bad)).toBeNull();
    }
  });
});
