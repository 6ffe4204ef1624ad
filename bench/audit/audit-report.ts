import type { SuiteReport } from '../harness/bench-suite.js';
import { formatRate, formatSpread } from '../harness/measure.js';
import type { AuditWorkload } from './audit-workload.js';
import type { VerifyFigures } from './verify-figures.js';

/** One adapter's outcome: its figures, or why there are none. */
export type AdapterVerifyOutcome =
  | { readonly adapter: string; readonly figures: VerifyFigures; readonly environment: string }
  | { readonly adapter: string; readonly unreachable: string };

const COLUMNS = [
  'adapter',
  'verify, events/s (median of 3)',
  'spread',
  'seconds per 1,000,000',
  'readAll alone, events/s',
  'verify / readAll',
  'each verify run',
  'peak heap while verifying',
  'fill (appendMany of 1,000), events/s',
];

export function auditReport(workload: AuditWorkload, outcomes: readonly AdapterVerifyOutcome[]): SuiteReport {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const outcome of outcomes) {
    if ('unreachable' in outcome) {
      rows.push([outcome.adapter, '**NOT MEASURED: unreachable**', '', '', '', '', '', '', '']);
      notes.push(`**${outcome.adapter.toUpperCase()} WAS NOT MEASURED.** ${outcome.unreachable}`);
      continue;
    }
    const { verify, scan, fill, peakHeapMiB } = outcome.figures;
    rows.push([
      outcome.adapter,
      formatRate(verify.median),
      formatSpread(verify),
      (1_000_000 / verify.median).toFixed(1),
      formatRate(scan.median),
      `${Math.round((verify.median / scan.median) * 100)}%`,
      verify.runs.map(formatRate).join(', '),
      `${peakHeapMiB.toFixed(0)} MiB`,
      formatRate(fill),
    ]);
  }
  notes.push(
    `Log: ${workload.logEvents.toLocaleString('en-US')} generated clearance events (bench/event-store/clearance-event-generator.ts, fixed seed, ` +
      `300 to 500 bytes of JSON each), stored through the adapter's own appendMany in batches of ${workload.fillBatch.toLocaleString('en-US')}, so every hash is one the store computed.`,
    `Verify: \`verifyChain\` (libs/audit) over the whole log from position 1, pages of ${workload.pageSize.toLocaleString('en-US')}, as \`GET /api/audit/verify\` and ` +
      '`npm run audit:verify` run it: each event\'s link recomputed with `chainHash` (canonical JSON of every stored field, sha256) and compared, positions checked to run on. ' +
      'Every run must find the chain intact and check every event. "readAll alone" pages through the same log hashing nothing, after one untimed warm-up scan: the difference is the hashing.',
    'Peak heap: `heapUsed` sampled every 50 ms during the verify runs, garbage included (no forced GC); a million events held at once would take about a gigabyte. The walk holds about two pages of events, never the log.',
  );
  return { tables: [{ columns: COLUMNS, rows }], environment: outcomes.flatMap((outcome) => ('environment' in outcome ? [outcome.environment] : [])), notes };
}
