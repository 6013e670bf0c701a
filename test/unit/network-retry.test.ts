// The map's network retry: connection failures are tried again, HTTP answers and aborts never.
import { describe, expect, it } from 'vitest';
import { AJAXError } from 'maplibre-gl';
import { isNetworkFailure, withNetworkRetry } from '../../web/map/network-retry.ts';

function counting(failures: unknown[]) {
  let calls = 0;
  const load = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return 'tegel';
  };
  return { load, calls: () => calls };
}

describe('withNetworkRetry', () => {
  it('tries a lost connection again, twice at most', async () => {
    const once = counting([new TypeError('Failed to fetch')]);
    expect(await withNetworkRetry(once.load, new AbortController().signal, [0, 0])).toBe('tegel');
    expect(once.calls()).toBe(2);
    const lasting = counting([new TypeError('a'), new AJAXError(0, 'b', '/t', new Blob()), new TypeError('c'), undefined]);
    await expect(withNetworkRetry(lasting.load, new AbortController().signal, [0, 0])).rejects.toThrow('c');
    expect(lasting.calls()).toBe(3);
  });

  it('tries again what the worker passed on as a plain Error, but not a broken archive', async () => {
    const copied = counting([new Error('Failed to fetch')]);
    expect(await withNetworkRetry(copied.load, new AbortController().signal, [0, 0])).toBe('tegel');
    const broken = counting([new Error('Wrong magic number for PMTiles archive')]);
    await expect(withNetworkRetry(broken.load, new AbortController().signal, [0, 0])).rejects.toThrow('magic');
    expect(broken.calls()).toBe(1);
  });

  it('passes an HTTP answer and an abort straight through', async () => {
    const refused = counting([new AJAXError(401, 'Unauthorized', '/t', new Blob())]);
    await expect(withNetworkRetry(refused.load, new AbortController().signal, [0, 0])).rejects.toThrow('Unauthorized');
    expect(refused.calls()).toBe(1);
    const controller = new AbortController();
    controller.abort();
    // An aborted request ends as an abort (MapLibre ignores those), even when fetch said "Failed to fetch".
    const aborted = counting([new TypeError('Failed to fetch')]);
    await expect(withNetworkRetry(aborted.load, controller.signal, [0, 0])).rejects.toMatchObject({ name: 'AbortError' });
    expect(aborted.calls()).toBe(1);
  });
});

describe('isNetworkFailure', () => {
  it('knows a lost connection after MapLibre passed it from its worker as a plain Error', () => {
    expect(isNetworkFailure(new Error('Failed to fetch'))).toBe(true);
    expect(isNetworkFailure(new Error('NetworkError when attempting to fetch resource.'))).toBe(true);
    expect(isNetworkFailure(new AJAXError(0, '', '/t', new Blob()))).toBe(true);
    // An HTTP answer or a broken archive is not a lost connection.
    expect(isNetworkFailure(new AJAXError(500, 'Internal Server Error', '/t', new Blob()))).toBe(false);
    expect(isNetworkFailure(new Error('Bad response code: 500'))).toBe(false);
    expect(isNetworkFailure(new Error('Wrong magic number for PMTiles archive'))).toBe(false);
  });
});
