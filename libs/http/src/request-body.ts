import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
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

// `fatal` makes malformed UTF-8 an error instead of U+FFFD silently stored in place of what the producer sent.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body of up to `limit` bytes as UTF-8 text (RFC 8259: JSON between systems is UTF-8).
 * @throws PayloadTooLargeException (413) over `limit`; BadRequestException (400) when the bytes are not valid UTF-8
 */
export async function readRequestText(request: IncomingMessage, limit: number): Promise<string> {
  const bytes = await readRequestBody(request, limit);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadRequestException('the body is not valid UTF-8');
  }
}
