// An upload goes straight from the request to a file on disk, never whole into
// memory, and stops at 100 MB. The 2 MB limit of the other API routes stays.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from '../http/errors.ts';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const teGroot = () => new ApiError(413, 'te_groot', 'Het bestand is groter dan 100 MB. Splits het bestand, bijvoorbeeld per gemeente of per laag.');

/** Writes the request body to `target`; returns its size. Nothing remains on disk after an error. */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, contentLength: string | undefined, target: string): Promise<number> {
  if (contentLength !== undefined && Number(contentLength) > MAX_UPLOAD_BYTES) throw teGroot();
  if (!body) throw new ApiError(400, 'geen_bestand', 'Er is geen bestand meegestuurd.');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) done(teGroot());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), count, createWriteStream(target));
  } catch (err) {
    await rm(target, { force: true });
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'upload_onderbroken', 'Het uploaden is onderbroken. Probeer het opnieuw.');
  }
  if (size === 0) {
    await rm(target, { force: true });
    throw new ApiError(400, 'geen_bestand', 'Het bestand is leeg.');
  }
  return size;
}
