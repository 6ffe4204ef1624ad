import type { BenchSuite } from '../harness/bench-suite.js';
import { benchEvents } from './clearance-event-generator.js';
import { describeEvents } from './event-sample.js';
import { eventStoreReport } from './event-store-report.js';
import { measurePostgres } from './postgres-suite.js';
import { measureSqlite } from './sqlite-suite.js';
import { EVENT_STORE_WORKLOAD } from './workload.js';

/** Append throughput (batches of 100 and of 1) and readAll rate of both adapters, each against its raw driver. */
export const eventStoreSuite: BenchSuite = {
  name: 'event-store',
  title: 'append and readAll throughput of both adapters, against the raw driver',
  async run(progress) {
    const workload = EVENT_STORE_WORKLOAD;
    const sample = describeEvents(benchEvents(workload), workload.batchSize);
    const sqlite = await measureSqlite(workload, (line) => progress(`SQLite ${line}`));
    const postgres = await measurePostgres(workload, (line) => progress(`PostgreSQL ${line}`));
    if ('unreachable' in postgres) progress(`!!! ${postgres.unreachable}`);
    return eventStoreReport(workload, sample, [sqlite, postgres]);
  },
};
