import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import type { BenchSuite } from '../harness/bench-suite.js';
import { loadAppModules, type AppModules } from './app-modules.js';
import { BenchStores } from './bench-stores.js';
import { measureHttpIngest } from './http-ingest.js';
import { isMeasured, type IngestResults, type KafkaFigures, type NotMeasured, type StoreKind } from './ingest-figures.js';
import { ingestReport } from './ingest-report.js';
import { httpEventsNeeded, INGEST_WORKLOAD, type IngestWorkload } from './ingest-workload.js';
import { measureKafka } from './kafka-measurements.js';
import { probePostgres } from './postgres-probe.js';
import { asProducerRecord, producerEvents } from './producer-events.js';
import { measureStages } from './stage-measurements.js';

/**
 * Ingest's two transports end to end (HTTP batches into the standalone app; Kafka into each store, against a
 * plain kafkajs consumer of the same records) and its stages alone, to show what bounds them.
 */
export const ingestSuite: BenchSuite = {
  name: 'ingest',
  title: 'HTTP batch ingest and Kafka to store, against the raw kafkajs consumer',
  async run(progress) {
    const workload = INGEST_WORKLOAD;
    const modules = await loadAppModules();
    const postgres = await probePostgres();
    if (!isMeasured(postgres)) progress(`!!! ${postgres.notMeasured}`);
    const unreachable = isMeasured(postgres) ? undefined : postgres;
    const stores = new BenchStores(isMeasured(postgres) ? postgres.connectionString : undefined);
    try {
      const http = await measureHttp(modules, stores, unreachable, workload, progress);
      const records = producerEvents(workload.kafkaEvents).map(asProducerRecord);
      const { validation, stages } = await measureStages(modules, stores, unreachable, records, workload, progress);
      const kafka = await measureKafka(modules, stores, unreachable, records, workload, progress);
      if (!isMeasured(kafka)) progress(`!!! ${kafka.notMeasured}`);
      const results: IngestResults = { http, kafka, validation, stages };
      return ingestReport(workload, results, environment(isMeasured(postgres) ? postgres.description : 'UNREACHABLE', kafka));
    } finally {
      await stores.dispose();
    }
  },
};

async function measureHttp(
  modules: AppModules,
  stores: BenchStores,
  unreachable: NotMeasured | undefined,
  workload: IngestWorkload,
  progress: (line: string) => void,
): Promise<IngestResults['http']> {
  const events = producerEvents(httpEventsNeeded(workload));
  const on = (store: StoreKind) => measureHttpIngest(modules, stores.appEnvironment(store), events, workload, (line) => progress(`${store} ${line}`));
  return { SQLite: await on('SQLite'), PostgreSQL: unreachable ?? (await on('PostgreSQL')) };
}

/** Versions of what was measured, for the machine line. */
function environment(postgres: string, kafka: KafkaFigures | NotMeasured): string[] {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare<[], { version: string }>('SELECT sqlite_version() AS version').get()!.version;
  memory.close();
  const kafkajs = (createRequire(import.meta.url)('kafkajs/package.json') as { version: string }).version;
  return [
    `SQLite: ${sqlite} (WAL, synchronous=FULL, files under the OS temp folder)`,
    `PostgreSQL: ${postgres}`,
    `Kafka: ${isMeasured(kafka) ? `single broker at ${kafka.bootstrap} (${kafka.broker})` : 'UNAVAILABLE'}, kafkajs ${kafkajs}`,
  ];
}
