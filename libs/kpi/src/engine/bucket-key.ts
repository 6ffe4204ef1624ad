import { type Granularity, isGranularity } from './bucket-time.js';
import { type MeasureId, isMeasureId } from './measures.js';
import { utcIso } from './utc-millis.js';

/** What identifies a bucket: measure, granularity, start and slice. */
export interface BucketAddress {
  readonly measure: MeasureId;
  readonly granularity: Granularity;
  /** Bucket start, epoch milliseconds. */
  readonly start: number;
  /** Slice key (slices.ts). */
  readonly slice: string;
}

/**
 * The canonical key of a bucket, for a read model's primary key: `measure|granularity|start|slice`, the start as
 * RFC 3339 UTC with milliseconds, e.g. `duties|hour|2026-03-01T10:00:00.000Z|office=UZ-TAS`. Slice values are
 * URI-encoded, so `|` only ever separates the four parts.
 */
export function bucketKey(address: BucketAddress): string {
  return `${address.measure}|${address.granularity}|${utcIso(address.start)}|${address.slice}`;
}

/** A key that is not one {@link bucketKey} makes. */
export class MalformedBucketKeyError extends Error {
  override readonly name = 'MalformedBucketKeyError';

  constructor(readonly key: string) {
    super(`malformed KPI bucket key ${JSON.stringify(key)}`);
  }
}

/** The address a {@link bucketKey} stands for. @throws MalformedBucketKeyError */
export function parseBucketKey(key: string): BucketAddress {
  const [measure, granularity, startText, slice, ...rest] = key.split('|');
  const start = Date.parse(startText ?? '');
  if (!isMeasureId(measure) || !isGranularity(granularity) || Number.isNaN(start) || slice === undefined || rest.length > 0) {
    throw new MalformedBucketKeyError(key);
  }
  return { measure, granularity, start, slice };
}
