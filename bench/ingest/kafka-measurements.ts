import type { EventStore } from '@customs-pulse/event-store';
import { acquireTestBroker, isReachable, kafkaAvailable, kafkaBootstrapFromEnv, type TestBroker } from '@customs-pulse/testing';
import type { Kafka } from 'kafkajs';
import { testKafka, uniqueName } from '@customs-pulse/testing/kafka';
import { median } from '../harness/measure.js';
import type { AppModules } from './app-modules.js';
import type { BenchStores } from './bench-stores.js';
import type { ConsumeFigures, KafkaFigures, NotMeasured, StoreKind } from './ingest-figures.js';
import type { IngestWorkload } from './ingest-workload.js';
import { interleaved, rateOf } from './interleaved-runs.js';
import { timeKafkaIngest, type ConsumeRun } from './kafka-ingest-run.js';
import { fillTopic } from './kafka-topic-fill.js';
import type { ProducerRecord } from './producer-events.js';
import { timeRawConsume } from './raw-kafka-consume.js';

/** Records of the untimed warm-up topic. */
const WARMUP_RECORDS = 2_000;

/**
 * Produces every record to a fresh topic first. Then, after an untimed warm-up (a fresh broker creates its
 * coordinators' topics on first use), times ingest's Kafka transport reading them all into a new store (SQLite,
 * and PostgreSQL unless `postgres` says why not) and a plain kafkajs consumer reading them all, runs interleaved.
 * The broker is that of `KAFKA_BROKERS` or of scripts/kafka.sh, stopped afterwards only if this run started it.
 */
export async function measureKafka(
  modules: AppModules,
  stores: BenchStores,
  postgres: NotMeasured | undefined,
  records: readonly ProducerRecord[],
  workload: IngestWorkload,
  progress: (line: string) => void,
): Promise<KafkaFigures | NotMeasured> {
  if (!(await kafkaAvailable())) {
    return { notMeasured: 'Kafka UNAVAILABLE: KAFKA_BROKERS is not set and there is no Java 17+ for scripts/kafka.sh' };
  }
  let broker: TestBroker;
  try {
    broker = await acquireTestBroker();
  } catch (error) {
    return { notMeasured: `Kafka broker UNAVAILABLE: ${(error as Error).message}` };
  }
  const [host, port] = broker.bootstrap.split(':');
  if (!(await isReachable(host!, Number(port)))) {
    await broker.release();
    return { notMeasured: `Kafka broker UNREACHABLE at ${broker.bootstrap}` };
  }
  const kafka = testKafka(broker.bootstrap);
  const topics = { source: uniqueName('bench-ingest'), deadLetter: uniqueName('bench-ingest-deadletter') };
  const warmup = { source: uniqueName('bench-ingest-warmup'), deadLetter: uniqueName('bench-ingest-warmup-deadletter') };
  try {
    progress(`Kafka: producing ${records.length} records to ${topics.source} (${workload.kafkaPartitions} partitions), then warming up`);
    const produceSeconds = await fillTopic(kafka, topics, records, workload.kafkaPartitions);
    await fillTopic(kafka, warmup, records.slice(0, WARMUP_RECORDS), workload.kafkaPartitions);
    const warmupRun = { bootstrap: broker.bootstrap, topic: warmup.source, deadLetterTopic: warmup.deadLetter, events: WARMUP_RECORDS };
    await withStore(stores, 'SQLite', (store) => timeKafkaIngest(modules, store, warmupRun));

    const run = { bootstrap: broker.bootstrap, topic: topics.source, deadLetterTopic: topics.deadLetter, events: records.length };
    const kinds: StoreKind[] = postgres ? ['SQLite'] : ['SQLite', 'PostgreSQL'];
    const fetch = modules.resolveKafkaIngestOptions({ brokers: [broker.bootstrap] });
    const runs = await interleaved(workload.repeats, [
      ...kinds.map((kind) => () => withStore(stores, kind, (store) => timeKafkaIngest(modules, store, run))),
      () => timeRawConsume(kafka, topics.source, records.length, fetch),
    ]);
    const figures = runs.map(consumeFigures);
    kinds.forEach((kind, index) => progress(`Kafka to ${kind}: ${figures[index]!.rate.runs.map(Math.round).join(', ')} events/s`));
    const raw = figures.at(-1)!;
    progress(`Kafka raw kafkajs consume: ${raw.rate.runs.map(Math.round).join(', ')} events/s`);
    return {
      bootstrap: broker.bootstrap,
      broker: kafkaBootstrapFromEnv() ? 'KAFKA_BROKERS' : 'scripts/kafka.sh, single node on this machine',
      topic: {
        events: records.length,
        partitions: workload.kafkaPartitions,
        averageBytes: records.reduce((sum, record) => sum + record.value.byteLength, 0) / records.length,
        produceSeconds,
      },
      ours: { SQLite: figures[0]!, PostgreSQL: postgres ?? figures[1]! },
      raw,
    };
  } finally {
    await deleteTopics(kafka, [topics.source, topics.deadLetter, warmup.source, warmup.deadLetter]);
    await broker.release();
  }
}

async function withStore<T>(stores: BenchStores, kind: StoreKind, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await stores.open(kind);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

function consumeFigures(runs: readonly ConsumeRun[]): ConsumeFigures {
  return { rate: rateOf(runs.map((run) => run.eventsPerSecond)), startupMs: median(runs.map((run) => run.startupMs)) };
}

/** A shared broker keeps no bench topics; one this run started is stopped anyway. */
async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics });
  } catch {
    // Leftover topics only take disk space; they must not hide the figures or the error that ended the run.
  } finally {
    await admin.disconnect();
  }
}
