import { type BucketLine } from './bucket-line.js';
import { counterNumber } from './carried-counters.js';

interface SortedStarts {
  readonly size: number;
  readonly starts: readonly number[];
}

/** Bucket starts in ascending order, per line; rebuilt only when the line gained a bucket (buckets are never removed). */
const sortedByLine = new WeakMap<BucketLine, SortedStarts>();

function startsOf(line: BucketLine): readonly number[] {
  const cached = sortedByLine.get(line);
  if (cached !== undefined && cached.size === line.size) return cached.starts;
  const starts = [...line.buckets()].map((bucket) => bucket.start).sort((a, b) => a - b);
  sortedByLine.set(line, { size: line.size, starts });
  return starts;
}

/**
 * The backlog at each instant of `instants` (ascending, each a bucket boundary): the sum of the deltas of every
 * hourly backlog bucket that starts before it. A delta at x counts at every t > x, and a bucket starting before a
 * boundary t ends at or before it, so each of its deltas is before t.
 */
export function backlogAt(line: BucketLine | undefined, instants: readonly number[]): number[] {
  if (line === undefined) return instants.map(() => 0);
  const starts = startsOf(line);
  const backlog: number[] = [];
  let next = 0;
  let running = 0;
  for (const instant of instants) {
    while (next < starts.length && starts[next]! < instant) {
      const bucket = line.at(starts[next]!);
      // A backlog counts declarations, far below 2^53: its carried total is a safe integer.
      if (bucket !== undefined) running += counterNumber(bucket, 0);
      next += 1;
    }
    backlog.push(running);
  }
  return backlog;
}
