import type { IngestQualitySummary } from './ingest-quality-tally.port.js';

/** The API form of a tally's stored counts: reasons most frequent first, ties by reason so the order is stable. */
export function ingestQualitySummary(
  totals: { readonly rejected: number; readonly duplicates: number },
  reasons: Iterable<readonly [reason: string, count: number]>,
): IngestQualitySummary {
  const byReason = [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { rejected: { total: totals.rejected, byReason }, duplicates: totals.duplicates };
}
