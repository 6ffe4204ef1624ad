// The gateway's process of the gateway suite (gateway-suite.ts forks it): a KPI projection mirroring the projector's
// PostgreSQL read model, as a gateway runs it, on the SQLite log of one size of the history. It measures its own
// start to ready and memory, which only the process itself can see, and sends them once. With `--whole`, it loads the
// read model whole into one engine instead: what a gateway held when it followed the log with an engine of its own.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { DEFAULT_HELD_SUBJECTS, KpiEngine, KpiProjection, MirroringGenerations, SILENT_NOTIFIER } from '@customs-pulse/kpi';
import { PostgresKpiReadModel, PostgresMirroredReadModel } from '@customs-pulse/kpi/postgres';
import type { FromMirrorHost } from './gateway-messages.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const send = (message: FromMirrorHost): void => void process.send!(message);
const SILENT = { log: () => undefined, warn: () => undefined, error: () => undefined };

function memory(): { heapUsed: number; rss: number } {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

async function mirror(storeFile: string, connectionString: string, schema: string): Promise<void> {
  const store = SqliteEventStore.open({ file: storeFile });
  const startedAt = performance.now();
  const projection = new KpiProjection({
    source: store,
    generations: new MirroringGenerations(PostgresMirroredReadModel.open({ connectionString, schema })),
    notifier: SILENT_NOTIFIER,
    logger: SILENT,
    heldSubjects: DEFAULT_HELD_SUBJECTS,
  });
  await projection.start();
  await projection.caughtUp;
  const readyMs = performance.now() - startedAt;
  const held = projection.heldSubjects()!;
  send({ type: 'measured', readyMs, ...memory(), declarations: held.declarations, buckets: held.buckets, position: projection.appliedPosition });
  await projection.stop();
  await store.close();
}

async function whole(connectionString: string, schema: string): Promise<void> {
  const readModel = await PostgresKpiReadModel.open({ connectionString, schema });
  const startedAt = performance.now();
  const { checkpoint, snapshot } = await readModel.load();
  const engine = KpiEngine.fromJSON(snapshot!);
  const readyMs = performance.now() - startedAt;
  const held = engine.heldSubjects();
  send({ type: 'measured', readyMs, ...memory(), declarations: held.declarations, buckets: held.buckets, position: checkpoint });
  await readModel.close();
}

const [mode, storeFile, connectionString, schema] = process.argv.slice(2) as [string, string, string, string];
(mode === '--whole' ? whole(connectionString, `${schema}_g1`) : mirror(storeFile, connectionString, schema)).then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
