import { type BucketJson } from '../engine/buckets.js';

/** Buckets of one line in order of start: their starts are RFC 3339 of one width, so text order is time order. */
export function byStart(buckets: BucketJson[]): BucketJson[] {
  return buckets.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
