import { WrongExpectedRevisionError } from './errors.js';

/**
 * Optimistic concurrency for one stream write:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: it must hold at least one event;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Revision of a stream that holds no event. */
export const NO_STREAM_REVISION = -1;

/** Throws when `current` (the stream's last revision, -1 for none) does not satisfy `expected`. */
export function assertExpectedRevision(stream: string, expected: ExpectedRevision, current: number): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no_stream' && current === NO_STREAM_REVISION) ||
    (expected === 'stream_exists' && current !== NO_STREAM_REVISION) ||
    expected === current;
  if (!satisfied) throw new WrongExpectedRevisionError(stream, expected, current);
}
