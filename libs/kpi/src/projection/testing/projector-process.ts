/**
 * A KPI projector in its own process, for the crash test (kpi-projector.crash.int-spec.ts): projects the SQLite
 * event store `EVENTS_FILE` into the read model `READ_MODEL_FILE` until killed. Its batches are small, its catch-up
 * commits (of three batches each) many and its listener slow, so that a kill lands mid-stream.
 */
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';

import { SqliteKpiReadModel } from '../../read-model/sqlite/sqlite-kpi-read-model.js';
import { KpiProjector } from '../kpi-projector.js';

const [eventsFile, readModelFile] = [process.env['EVENTS_FILE'], process.env['READ_MODEL_FILE']];
if (eventsFile === undefined || readModelFile === undefined) throw new Error('EVENTS_FILE and READ_MODEL_FILE are required');

const projector = new KpiProjector({
  source: SqliteEventStore.open({ file: eventsFile }),
  readModel: SqliteKpiReadModel.open({ file: readModelFile }),
  onChanges: () => new Promise((resolve) => setTimeout(resolve, 10)),
  logger: { warn: (m) => process.stderr.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
  batchSize: 10,
  catchUpCommit: { maxEvents: 30, maxMs: 60_000 },
});
await projector.start();
process.stdout.write('started\n');
