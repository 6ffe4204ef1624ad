import { PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body up to `limit` bytes, for routes that must tell "too large" (413) from "not JSON" (400)
 * themselves. Refuses at once when Content-Length already says the body is too large.
 */
export async function readRequestBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = (): PayloadTooLargeException =>
    new PayloadTooLargeException(`the request body is over ${limit} bytes`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      request.resume();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}
