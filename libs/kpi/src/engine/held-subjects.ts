import { DAY_MS, bucketStart } from './bucket-time.js';
import { type SubjectState } from './subject-state.js';

/**
 * How many subjects a bounded engine keeps in memory (architecture.md, guarantee 7; README, "Hot and cold state").
 * Everything it lets go of is in the read model already and is read back when an event or a query needs it.
 */
export interface HeldSubjectsPolicy {
  /**
   * `OPEN_MAX_DAYS`: an open declaration (neither released nor cancelled), or an enforcement case, stays hot while it
   * had an event in this many days before the newest event time applied; then it goes cold, abandoned.
   */
  readonly openMaxDays: number;
  /** `CLOSED_CACHE_SIZE`: how many of the closed declarations (and cases gone quiet) stay cached, the latest touched. */
  readonly closedCacheSize: number;
}

/** The defaults of {@link HeldSubjectsPolicy}. */
export const DEFAULT_HELD_SUBJECTS: HeldSubjectsPolicy = { openMaxDays: 30, closedCacheSize: 10_000 };

/**
 * Events taken in (applied by a projector, mirrored by a gateway) between two passes that let cold subjects go: a pass
 * looks at every subject held, so it runs now and then, not per batch.
 */
export const LET_GO_EVERY_EVENTS = 1_000;

/**
 * How long after a subject's latest event it stays held whatever its state: `current` adds the backlog deltas of the
 * hour holding `now` from the facts of the declarations that have one in it (kpi-engine.ts, `partialHourBacklog`),
 * and the alert rules read the facts of the batch just committed.
 */
export const RECENT_MS = 2 * 3_600_000;

/** Where "recent" begins ({@link RECENT_MS}) for a reference instant: two hours before the hour holding it. */
export function recentSince(referenceMs: number): number {
  return bucketStart(referenceMs, 'hour') - RECENT_MS;
}

/** A held subject as the policy sees it. */
export interface HeldSubject<S extends SubjectState<unknown>> {
  readonly state: S;
  /** Whether it awaits a closing event: a declaration neither released nor cancelled, and every case (none closes). */
  readonly open: boolean;
}

/**
 * The subjects to let go of, out of those held: never one whose facts are not persisted yet, nor one touched at or
 * after `recentSince`, nor an open one with an event in the last `openMaxDays` before `newestEventAt`. Of the rest,
 * open ones (abandoned declarations, quiet cases) go at once, and closed declarations beyond the `closedCacheSize`
 * latest touched.
 */
export function subjectsToLetGo<S extends SubjectState<unknown>>(
  held: Iterable<HeldSubject<S>>,
  policy: HeldSubjectsPolicy,
  newestEventAt: number,
  recentSince: number,
): S[] {
  const openSince = newestEventAt - policy.openMaxDays * DAY_MS;
  const cold: S[] = [];
  const closed: S[] = [];
  for (const { state, open } of held) {
    if (state.isDirty || state.lastEventAt >= recentSince) continue;
    if (!open) closed.push(state);
    else if (state.lastEventAt < openSince) cold.push(state);
  }
  if (closed.length > policy.closedCacheSize) {
    closed.sort((a, b) => b.touchedAt - a.touchedAt);
    cold.push(...closed.slice(policy.closedCacheSize));
  }
  return cold;
}

/**
 * The instant "recent" is counted back from (held-subjects.ts, `recentSince`), at a start and at each let-go: now, or
 * the log's last `recordedAt` when that is earlier. After downtime the alert judge reads `current` at the `recordedAt`
 * of the batches it missed, and their hour's backlog needs the facts of the subjects touched in it.
 */
export function recentReference(now: Date, lastRecordedAt: string | null): number {
  return lastRecordedAt === null ? now.getTime() : Math.min(now.getTime(), Date.parse(lastRecordedAt));
}
