import type { IngestReport } from '../ingest-events/ingest-report.js';
import type { IngestQualityCounts } from './ingest-quality-tally.port.js';
import { placeWithinReasonCap } from './rejection-reason-cap.js';
import { rejectionReason } from './rejection-reason.js';

/** Nothing to add. */
export const NO_QUALITY_COUNTS: IngestQualityCounts = { rejected: 0, rejectedByReason: new Map(), duplicates: 0 };

/** Whether `counts` adds nothing. */
export function isEmptyQualityCounts(counts: IngestQualityCounts): boolean {
  return counts.rejected === 0 && counts.duplicates === 0 && counts.rejectedByReason.size === 0;
}

/** What one ingest adds to the tally: its rejects under their normalized reasons, and its duplicates. */
export function qualityCountsOf(report: Pick<IngestReport, 'rejected' | 'duplicates'>): IngestQualityCounts {
  const rejectedByReason = new Map<string, number>();
  for (const { errors } of report.rejected) {
    // Once per event and reason: two bad items of one list (`data.hsCodes.*`) are one reason of one event.
    for (const reason of new Set(errors.map(rejectionReason))) {
      rejectedByReason.set(reason, (rejectedByReason.get(reason) ?? 0) + 1);
    }
  }
  return { rejected: report.rejected.length, rejectedByReason, duplicates: report.duplicates };
}

/** `total` plus `more`, within the reason cap of `total`'s reasons. */
export function addQualityCounts(total: IngestQualityCounts, more: IngestQualityCounts): IngestQualityCounts {
  const rejectedByReason = new Map(total.rejectedByReason);
  for (const [reason, count] of placeWithinReasonCap(more.rejectedByReason, new Set(total.rejectedByReason.keys()))) {
    rejectedByReason.set(reason, (rejectedByReason.get(reason) ?? 0) + count);
  }
  return {
    rejected: total.rejected + more.rejected,
    rejectedByReason,
    duplicates: total.duplicates + more.duplicates,
  };
}
