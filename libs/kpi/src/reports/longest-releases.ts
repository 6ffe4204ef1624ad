import { EventLoopTurns } from '@customs-pulse/event-store';

import { type DeclarationFacts, finalLaneOf } from '../engine/declaration-facts.js';
import { declarationFactsFromJson } from '../engine/facts-json.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type TrsFilters, type TrsRelease, matchesTrsFilters, trsReleaseOf } from '../engine/trs-release.js';
import { type ColdSubjects } from '../read-model/read-model.port.js';
import { type ReportPeriod } from './report-period.js';

/** One of the longest release times of the TRS report. */
export interface TrsOutlier {
  readonly subject: string;
  readonly hours: number;
  readonly office: string | null;
  readonly finalLane: string | null;
  readonly transportMode: string | null;
}

/** How many outliers the TRS report lists (targets-and-reports.md). */
export const OUTLIER_COUNT = 20;

/** Most rows read from the read model per page: the first page holds the outliers unless held declarations crowd it. */
const COLD_PAGE_ROWS = 50;

interface Candidate extends Omit<TrsOutlier, 'hours'> {
  readonly releaseMs: number;
}

/** Longest first, ties by subject. */
function before(a: Pick<Candidate, 'releaseMs' | 'subject'>, b: Pick<Candidate, 'releaseMs' | 'subject'>): boolean {
  return a.releaseMs > b.releaseMs || (a.releaseMs === b.releaseMs && a.subject < b.subject);
}

/** Keeps the {@link OUTLIER_COUNT} longest release times offered, without holding the rest. */
export class LongestReleases {
  private readonly kept: Candidate[] = [];

  /** Whether a release of this length would be kept now: once it would not, no shorter one will. */
  wouldKeep(subject: string, releaseMs: number): boolean {
    return this.kept.length < OUTLIER_COUNT || before({ subject, releaseMs }, this.kept[OUTLIER_COUNT - 1]!);
  }

  offer(subject: string, releaseMs: number, office: string | null, finalLane: string | null, transportMode: string | null): void {
    if (!this.wouldKeep(subject, releaseMs)) return;
    const candidate = { subject, releaseMs, office, finalLane, transportMode };
    let index = this.kept.length;
    while (index > 0 && before(candidate, this.kept[index - 1]!)) index -= 1;
    this.kept.splice(index, 0, candidate);
    if (this.kept.length > OUTLIER_COUNT) this.kept.pop();
  }

  toJSON(): TrsOutlier[] {
    return this.kept.map(({ releaseMs, ...rest }) => ({ subject: rest.subject, hours: releaseMs / 3_600_000, office: rest.office, finalLane: rest.finalLane, transportMode: rest.transportMode }));
  }
}

/**
 * The TRS report's outliers: the longest releases of the period among the declarations the engine holds, and among
 * the others along the read model's index of release times (`ColdSubjects.longestReleasedIn`), read until no later
 * row can enter the list, or every one of them is read. A held declaration is read from memory only, its stored row
 * being older or the same. `population` is how many declarations the period and filters hold (the report's overall
 * `n`, from the buckets): those not held are the stored ones to find, so that a period whose releases are all held
 * reads nothing, and no page asks for more rows than are left to find. A page's statement walks the index until its
 * page is full, so asking for more than exist would walk it to its end, across the whole history.
 * The engine must not change until it settles.
 */
export async function longestReleasesOf(
  engine: KpiEngine,
  cold: ColdSubjects | null,
  period: ReportPeriod,
  filters: TrsFilters,
  population: number,
): Promise<TrsOutlier[]> {
  const turns = new EventLoopTurns();
  const longest = new LongestReleases();
  const offer = (subject: string, release: TrsRelease, facts: Readonly<DeclarationFacts>): void =>
    longest.offer(subject, release.releaseMs, release.office, finalLaneOf(facts), release.transportMode);
  let stored = population;
  for (const { subject, facts } of engine.heldDeclarations()) {
    if (turns.due) await turns.give();
    const release = trsReleaseOf(facts);
    const releasedAt = facts.released?.at ?? Number.NaN;
    if (release === null || releasedAt < period.from || releasedAt >= period.to || !matchesTrsFilters(release, filters)) continue;
    stored -= 1;
    offer(subject, release, facts);
  }
  if (cold === null || stored <= 0) return longest.toJSON();
  // Held declarations' older rows may fill a page too: then the next one is read.
  for await (const page of cold.longestReleasedIn(period.from, period.to, filters, Math.min(COLD_PAGE_ROWS, stored))) {
    for (const { subject, facts, hot } of page) {
      if (engine.declarationFacts(subject) !== undefined) continue;
      const release = hot!.trs!;
      if (!longest.wouldKeep(subject, release.releaseMs)) return longest.toJSON();
      offer(subject, release, declarationFactsFromJson(facts));
      stored -= 1;
      if (stored === 0) return longest.toJSON();
    }
  }
  return longest.toJSON();
}
