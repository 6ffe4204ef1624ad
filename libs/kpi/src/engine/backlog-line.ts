import { type BucketLine } from './bucket-line.js';
import { counterNumber } from './carried-counters.js';
import { type LineReading } from './line-reading.js';

interface SortedStarts {
  readonly version: number;
  readonly starts: readonly number[];
}

/** Bucket starts in ascending order, per line; rebuilt only when a bucket was put in or taken out. */
const sortedByLine = new WeakMap<BucketLine, SortedStarts>();

function startsOf(line: BucketLine | undefined): readonly number[] {
  if (line === undefined) return [];
  const cached = sortedByLine.get(line);
  if (cached !== undefined && cached.version === line.version) return cached.starts;
  const starts = [...line.buckets()].map((bucket) => bucket.start).sort((a, b) => a - b);
  sortedByLine.set(line, { version: line.version, starts });
  return starts;
}

/** A backlog line as read: its hourly buckets, and what is carried of those before the hour horizon (bucket-horizons.ts). */
export interface BacklogReading {
  readonly line: LineReading;
  /** The sum of the deltas of every hourly backlog bucket before `line.horizon`; 0 while every bucket is held. */
  readonly carried: number;
}

/**
 * The backlog at each instant of `instants` (ascending, each a bucket boundary): the sum of the deltas of every
 * hourly backlog bucket that starts before it. A delta at x counts at every t > x, and a bucket starting before a
 * boundary t ends at or before it, so each of its deltas is before t. From the horizon on, what is carried plus the
 * held buckets from the horizon to t; before it, what is carried minus the buckets from t to the horizon, which the
 * query read back.
 */
export function backlogAt({ line, carried }: BacklogReading, instants: readonly number[]): number[] {
  const delta = (start: number): number => {
    const bucket = line.at(start);
    // A backlog counts declarations, far below 2^53: its carried total is a safe integer.
    return bucket === undefined ? 0 : counterNumber(bucket, 0);
  };
  const held = startsOf(line.held).filter((start) => start >= line.horizon);
  const before = line.startsBeforeHorizon();
  // Before the horizon: carried minus the deltas from the instant on, summed from the horizon back.
  const owedFrom = new Map<number, number>();
  let owed = 0;
  for (let index = before.length - 1; index >= 0; index -= 1) {
    owed += delta(before[index]!);
    owedFrom.set(before[index]!, owed);
  }
  const backlog: number[] = [];
  let next = 0;
  let after = 0;
  let running = carried;
  for (const instant of instants) {
    if (instant < line.horizon) {
      while (after < before.length && before[after]! < instant) after += 1;
      backlog.push(carried - (after < before.length ? owedFrom.get(before[after]!)! : 0));
      continue;
    }
    while (next < held.length && held[next]! < instant) running += delta(held[next++]!);
    backlog.push(running);
  }
  return backlog;
}
