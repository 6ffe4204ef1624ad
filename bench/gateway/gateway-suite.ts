import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { DEFAULT_HELD_BUCKETS, DEFAULT_HELD_SUBJECTS, KpiProjection, SILENT_NOTIFIER } from '@customs-pulse/kpi';
import { PostgresKpiReadModelGenerations } from '@customs-pulse/kpi/postgres';
import pg from 'pg';

import type { BenchSuite, FigureTable } from '../harness/bench-suite.js';
import { redacted } from '../harness/redacted-url.js';
import { historyDataDir } from '../history/history-snapshots.js';
import { historyGenerator, historySizes, historyWorkload } from '../history/history-workload.js';
import { exited, forkBenchChild, nextMessage } from '../live/bench-child.js';
import type { FromMirrorHost } from './gateway-messages.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** The projector's read model the suite grows, with its generations' schemas (`_g1`, ...). */
const SCHEMA = 'bench_gateway_kpi';
const MIB = 1024 * 1024;
/** A measurement that has not finished by then is a failure of the bench, not a figure. */
const MEASURED_WITHIN_MS = 10 * 60_000;
const SILENT = { log: () => undefined, warn: () => undefined, error: () => undefined };

type Measured = Extract<FromMirrorHost, { type: 'measured' }>;

/** One size of the history: the projector's catch-up into PostgreSQL, then a gateway mirroring it, and a whole load. */
interface SizeFigures {
  readonly events: number;
  readonly projectedPerSecond: number;
  readonly mirror: Measured;
  readonly whole: Measured;
}

/**
 * Issue 14 item 3's figure: a distributed gateway's memory and start to ready over the history suite's store (the same
 * cache, grown the same way), at a quarter, a half and all of it. At each size the projector, in this process,
 * catches its PostgreSQL read model up with the log, as the distributed projector would; then a process of its own
 * runs a gateway's KPI projection (a mirror, mirror-host.ts) until ready, and another loads the read model whole into
 * one engine: what a gateway held when it followed the log with an engine of its own.
 */
export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  title: "Gateway (issue 14 item 3): a gateway's memory and start to ready over a growing history, mirroring the projector's PostgreSQL read model",
  async run(progress) {
    const workload = historyWorkload();
    const generator = historyGenerator(workload);
    const connectionString = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
    await dropReadModel(connectionString);
    const figures: SizeFigures[] = [];
    for (const size of historySizes(workload)) {
      const { dataDir } = await historyDataDir(workload.cacheDir, generator, size, progress);
      const storeFile = join(dataDir, 'events.sqlite');
      progress(`${size.toLocaleString('en-US')} events: the projector catches its PostgreSQL read model up`);
      const projected = await project(storeFile, connectionString);
      progress(`projected ${projected.events.toLocaleString('en-US')} events in ${projected.seconds.toFixed(0)} s; a gateway mirrors it`);
      const mirror = await measure(['--mirror', storeFile, connectionString, SCHEMA]);
      progress(`mirror ready in ${(mirror.readyMs / 1000).toFixed(2)} s, heap ${(mirror.heapUsed / MIB).toFixed(0)} MiB; loading it whole`);
      const whole = await measure(['--whole', storeFile, connectionString, SCHEMA]);
      figures.push({ events: size, projectedPerSecond: projected.events / projected.seconds, mirror, whole });
    }
    await dropReadModel(connectionString);
    return report(figures, connectionString);
  },
};

/** The projector's catch-up, from its checkpoint to the head of `storeFile`. */
async function project(storeFile: string, connectionString: string): Promise<{ events: number; seconds: number }> {
  const store = SqliteEventStore.open({ file: storeFile });
  const generations = await PostgresKpiReadModelGenerations.open({ connectionString, schema: SCHEMA });
  const projection = new KpiProjection({
    source: store,
    generations,
    notifier: SILENT_NOTIFIER,
    logger: SILENT,
    heldSubjects: DEFAULT_HELD_SUBJECTS,
    heldBuckets: DEFAULT_HELD_BUCKETS,
  });
  const startedAt = performance.now();
  await projection.start();
  const from = projection.committedPosition;
  await projection.caughtUp;
  const seconds = (performance.now() - startedAt) / 1000;
  const events = projection.committedPosition - from;
  await projection.stop();
  await store.close();
  return { events, seconds };
}

async function measure(args: readonly string[]): Promise<Measured> {
  const child = forkBenchChild(fileURLToPath(new URL('./mirror-host.ts', import.meta.url)), args);
  try {
    return await nextMessage<FromMirrorHost, 'measured'>(child, 'measured', MEASURED_WITHIN_MS);
  } finally {
    await exited(child, 30_000);
  }
}

async function dropReadModel(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $1 || '\\_g%'`, [SCHEMA]);
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

function report(figures: readonly SizeFigures[], connectionString: string) {
  const mib = (bytes: number): string => Math.round(bytes / MIB).toLocaleString('en-US');
  const table: FigureTable = {
    columns: [
      'events',
      'projector catch-up into PostgreSQL, events/s',
      'gateway (mirror): heap MiB',
      'RSS MiB',
      'start to ready, s',
      'declarations held',
      'buckets held',
      'whole read model in one engine: heap MiB',
      'declarations',
      'buckets',
    ],
    rows: figures.map(({ events, projectedPerSecond, mirror, whole }) => [
      events.toLocaleString('en-US'),
      Math.round(projectedPerSecond).toLocaleString('en-US'),
      mib(mirror.heapUsed),
      mib(mirror.rss),
      (mirror.readyMs / 1000).toFixed(2),
      mirror.declarations.toLocaleString('en-US'),
      mirror.buckets.toLocaleString('en-US'),
      mib(whole.heapUsed),
      whole.declarations.toLocaleString('en-US'),
      whole.buckets.toLocaleString('en-US'),
    ]),
  };
  const first = figures[0]!;
  const last = figures.at(-1)!;
  const ratio = last.mirror.heapUsed / first.mirror.heapUsed;
  const slowest = Math.max(...figures.map((figure) => figure.mirror.readyMs)) / 1000;
  const notes = [
    `Heap of a gateway at 4× the history: ${ratio.toFixed(2)}× its heap at 1× (goal: within 1.25×): ${ratio <= 1.25 ? 'met' : 'GOAL MISSED'}.`,
    `Start to ready of a gateway: at most ${slowest.toFixed(2)} s over the sizes (goal: ≤ 5 s): ${slowest <= 5 ? 'met' : 'GOAL MISSED'}.`,
    'A gateway runs its KPI projection as apps/gateway does (`MirroringGenerations` over `PostgresMirroredReadModel`, `OPEN_MAX_DAYS` and `CLOSED_CACHE_SIZE` at their defaults), in a process of its own on the SQLite log of that size; heap and RSS after two full garbage collections, once ready. It holds the KPI projection only: no HTTP server, Kafka listener or alert journal.',
    '"Whole read model in one engine": the same checkpoint loaded whole into one engine in a process of its own, as a gateway held it when it followed the log with an engine of its own (before session 11).',
    'The projector is the distributed one\'s KPI projection (default held subjects and buckets), run in the suite\'s process from the SQLite log of each size into one PostgreSQL read model that grows with the sizes; its rate is a side figure, not a goal.',
  ];
  return { tables: [table], environment: [`PostgreSQL: ${redacted(connectionString)}, schema ${SCHEMA} (dropped after the run)`], notes };
}
