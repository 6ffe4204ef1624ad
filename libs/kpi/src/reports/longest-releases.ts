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

interface Candidate extends Omit<TrsOutlier, 'hours'> {
  readonly releaseMs: number;
}

/** Longest first, ties by subject. */
function before(a: Candidate, b: Candidate): boolean {
  return a.releaseMs > b.releaseMs || (a.releaseMs === b.releaseMs && a.subject < b.subject);
}

/** Keeps the {@link OUTLIER_COUNT} longest release times offered, without holding the rest. */
export class LongestReleases {
  private readonly kept: Candidate[] = [];

  offer(subject: string, releaseMs: number, office: string | null, finalLane: string | null, transportMode: string | null): void {
    const candidate = { subject, releaseMs, office, finalLane, transportMode };
    if (this.kept.length === OUTLIER_COUNT && !before(candidate, this.kept[OUTLIER_COUNT - 1]!)) return;
    let index = this.kept.length;
    while (index > 0 && before(candidate, this.kept[index - 1]!)) index -= 1;
    this.kept.splice(index, 0, candidate);
    if (this.kept.length > OUTLIER_COUNT) this.kept.pop();
  }

  toJSON(): TrsOutlier[] {
    return this.kept.map(({ releaseMs, ...rest }) => ({ subject: rest.subject, hours: releaseMs / 3_600_000, office: rest.office, finalLane: rest.finalLane, transportMode: rest.transportMode }));
  }
}
