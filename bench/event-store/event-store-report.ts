import type { FigureTable, SuiteReport } from '../harness/bench-suite.js';
import { formatRate, formatSpread, type Rate } from '../harness/measure.js';
import type { AdapterName, AdapterOutcome } from './adapter-figures.js';
import type { EventSample } from './event-sample.js';
import type { Workload } from './workload.js';

/** The goals of the issue, for this 2-core machine. */
const BATCHED_APPEND_GOAL: Readonly<Record<AdapterName, number>> = { SQLite: 50_000, PostgreSQL: 20_000 };
const READ_ALL_GOAL = 200_000;

const COLUMNS = [
  'adapter',
  'measurement',
  'ours, events/s (median of 3)',
  'spread',
  'raw driver, events/s',
  'ours / raw',
  'raw + the 2 unique indexes',
  'ours / that',
  'goal',
  'met',
];

const RUN_COLUMNS = ['adapter', 'measurement', 'ours, each run', 'raw driver, each run', 'raw + the 2 unique indexes, each run'];

export function eventStoreReport(workload: Workload, sample: EventSample, outcomes: readonly AdapterOutcome[]): SuiteReport {
  const rows: string[][] = [];
  const runRows: string[][] = [];
  const notes: string[] = [];
  for (const outcome of outcomes) {
    if ('unreachable' in outcome) {
      rows.push([outcome.adapter, 'everything', '**NOT MEASURED: unreachable**', '', '', '', '', '', '', '**no**']);
      notes.push(`**${outcome.adapter.toUpperCase()} WAS NOT MEASURED.** ${outcome.unreachable}`);
      continue;
    }
    const { adapter, ours, raw } = outcome;
    const line = (measurement: string, rate: Rate, rawRate: Rate, indexedRate: Rate | undefined, goal?: number): void => {
      rows.push([
        adapter,
        measurement,
        formatRate(rate.median),
        formatSpread(rate),
        formatRate(rawRate.median),
        ratio(rate, rawRate),
        indexedRate ? formatRate(indexedRate.median) : '',
        indexedRate ? ratio(rate, indexedRate) : '',
        goal === undefined ? '' : `>= ${formatRate(goal)}`,
        goal === undefined ? '' : rate.median >= goal ? 'yes' : '**no**',
      ]);
      runRows.push([adapter, measurement, runs(rate), runs(rawRate), indexedRate ? runs(indexedRate) : '']);
      if (goal !== undefined && rate.median < goal) {
        notes.push(`GOAL MISSED: ${adapter} ${measurement}: ${formatRate(rate.median)} < ${formatRate(goal)} events/s.`);
      }
    };
    line(`append, batches of ${workload.batchSize} (appendMany)`, ours.batched, raw.plain.batched, raw.indexed.batched, BATCHED_APPEND_GOAL[adapter]);
    line('append, batch of 1 (append)', ours.single, raw.plain.single, raw.indexed.single);
    line(`readAll, pages of ${workload.pageSize}`, ours.readAll, raw.scan, undefined, READ_ALL_GOAL);
  }
  const table: FigureTable = { columns: COLUMNS, rows };
  const runTable: FigureTable = { columns: RUN_COLUMNS, rows: runRows };
  return {
    tables: [table, runTable],
    environment: outcomes.flatMap((outcome) => outcome.environment),
    notes: [...notes, ...workloadNotes(workload, sample)],
  };
}

function runs(rate: Rate): string {
  return rate.runs.map(formatRate).join(', ');
}

function ratio(ours: Rate, raw: Rate): string {
  return `${((ours.median / raw.median) * 100).toFixed(0)}%`;
}

function workloadNotes(workload: Workload, sample: EventSample): string[] {
  const count = (value: number): string => value.toLocaleString('en-US');
  return [
    `Events: generated clearance events (bench/event-store/clearance-event-generator.ts, fixed seed), ` +
      `${Math.round(sample.averageBytes)} bytes of JSON on average (${sample.smallestBytes} to ${sample.largestBytes}). ` +
      `A batch of ${workload.batchSize} is one \`appendMany\` of ${sample.writesPerBatch.toFixed(1)} stream writes on ` +
      `average (one per declaration, most streams already existing); a batch of 1 is \`append(stream, [event])\`.`,
    `Runs: each figure is the median of ${workload.repeats} runs of ${count(workload.batchedEvents)} events (batches of ` +
      `${workload.batchSize}) or ${count(workload.singleEvents)} events (batch of 1), after a warm-up of ` +
      `${count(workload.warmupBatches * workload.batchSize + workload.warmupSingles)} events; the log grows across runs. ` +
      `readAll reads all ${count(workload.logEvents)} stored events from the start, in pages of ${count(workload.pageSize)}. ` +
      `"spread" is the farthest run from the median.`,
    `Raw driver, in the same run, on the very rows the store wrote (read back, byte for byte), with the same schedule ` +
      `of transactions: a table with the log's columns and types and its position key. "raw driver" has no other ` +
      `index; "raw + the 2 unique indexes" adds (stream, revision) and (source, id), as the log has. SQLite: ` +
      `better-sqlite3, prepared single-row INSERTs in one \`BEGIN IMMEDIATE\` transaction per batch, WAL and ` +
      `synchronous=FULL as the store. PostgreSQL: node-postgres, one multi-row \`INSERT ... VALUES (...), (...)\` ` +
      `(13 parameters a row) per batch, autocommit. Scan: \`SELECT * ... WHERE position > $1 ORDER BY position LIMIT ` +
      `${workload.pageSize}\`, paged like readAll, the driver's default type parsing (pg parses json and timestamptz; ` +
      `better-sqlite3 leaves the JSON as text, which readAll parses).`,
  ];
}
