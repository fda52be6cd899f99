/**
 * Reading a receiver request body within a size cap: refused by its Content-Length before reading, or
 * as soon as the bytes read (or, for gzip, the bytes inflated) pass the cap, so a large or hostile body
 * never sits in memory whole.
 */
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A request refused with an HTTP status and a message that says what to change. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new Refusal(413, `The request body is larger than ${maxBytes / 1024 / 1024} MiB; export smaller batches.`);
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new Refusal(415, `Content-Encoding ${encoding} is not supported; send gzip or no encoding.`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (encoding === 'identity') return raw.toString('utf8');
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooLarge();
    throw new Refusal(400, 'The body is not valid gzip.');
  }
}
