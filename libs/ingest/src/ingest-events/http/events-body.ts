import { MAX_BATCH_EVENTS } from '@customs-pulse/domain';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { EventCandidate } from '../ingest-events.command.js';

/**
 * The body rules of `POST /api/events` (api.md): one CloudEvent object or a non-empty array of at most 1,000; any
 * other JSON value, an empty array or bytes that are not JSON are a 400. The items themselves are not judged
 * here: an item that is not an object, or over 64 KiB, is a rejected item of a 200 answer.
 */
export function candidatesFromBody(body: string): EventCandidate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new BadRequestException(`the body is not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) throw new BadRequestException('the body is an empty array: send at least one event');
    if (parsed.length > MAX_BATCH_EVENTS) {
      throw new PayloadTooLargeException(`the batch holds ${parsed.length} events; at most ${MAX_BATCH_EVENTS} are accepted`);
    }
    return parsed.map((json: unknown) => ({ json }));
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new BadRequestException('the body must be a CloudEvent object or an array of them');
  }
  return [{ json: parsed }];
}
