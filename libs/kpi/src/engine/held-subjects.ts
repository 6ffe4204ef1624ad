import { DAY_MS } from './bucket-time.js';
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
 * How long after a subject's latest event it stays held whatever its state: `current` adds the backlog deltas of the
 * hour holding `now` from the facts of the declarations that have one in it (kpi-engine.ts, `partialHourBacklog`),
 * and the alert rules read the facts of the batch just committed.
 */
export const RECENT_MS = 2 * 3_600_000;

/** A held subject as the policy sees it. */
export interface HeldSubject {
  readonly state: SubjectState<unknown>;
  /** Whether it awaits a closing event: a declaration neither released nor cancelled, and every case (none closes). */
  readonly open: boolean;
}

/**
 * The subjects to let go of, out of those held: never one whose facts are not persisted yet, nor one touched at or
 * after `recentSince`, nor an open one with an event in the last `openMaxDays` before `newestEventAt`. Of the rest,
 * open ones (abandoned declarations, quiet cases) go at once, and closed declarations beyond the `closedCacheSize`
 * latest touched.
 */
export function subjectsToLetGo(
  held: Iterable<HeldSubject>,
  policy: HeldSubjectsPolicy,
  newestEventAt: number,
  recentSince: number,
): SubjectState<unknown>[] {
  const openSince = newestEventAt - policy.openMaxDays * DAY_MS;
  const cold: SubjectState<unknown>[] = [];
  const closed: SubjectState<unknown>[] = [];
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
