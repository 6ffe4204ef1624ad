import type { EventStore } from '@customs-pulse/event-store';
import { waitUntil } from '@customs-pulse/testing';
import { uniqueName } from '@customs-pulse/testing/kafka';
import { eventsPerSecond } from '../harness/measure.js';
import type { AppModules } from './app-modules.js';

/** One timed run: events per second, and ms from the start to the first event handled. */
export interface ConsumeRun {
  readonly eventsPerSecond: number;
  readonly startupMs: number;
}

/** Longest a run may take before the suite gives up on it. */
export const RUN_TIMEOUT_MS = 120_000;

/**
 * Ingest's Kafka transport, wired as the app wires it (`IngestModule.forRoot({ kafka })`, the same consumer and
 * kafkajs adapters, default options), with a new consumer group, reading the whole topic into the empty `store`.
 * Timed from the start of the app until `head()` shows every record stored; polled every 10 ms.
 */
export async function timeKafkaIngest(
  modules: AppModules,
  store: EventStore,
  kafka: { readonly bootstrap: string; readonly topic: string; readonly deadLetterTopic: string; readonly events: number },
): Promise<ConsumeRun> {
  let startupMs = 0;
  let app: Awaited<ReturnType<AppModules['startKafkaIngestApp']>> | undefined;
  try {
    const rate = await eventsPerSecond(kafka.events, async () => {
      const startedAt = performance.now();
      app = await modules.startKafkaIngestApp(store, {
        brokers: [kafka.bootstrap],
        groupId: uniqueName('bench-ingest'),
        topics: [kafka.topic],
        deadLetterTopic: kafka.deadLetterTopic,
      });
      await waitUntil('the first record is stored', async () => (await store.head()).position > 0, RUN_TIMEOUT_MS);
      startupMs = performance.now() - startedAt;
      await waitUntil(`all ${kafka.events} records are stored`, async () => (await store.head()).position >= kafka.events, RUN_TIMEOUT_MS);
    });
    const stored = (await store.head()).position;
    if (stored !== kafka.events) throw new Error(`the store holds ${stored} events after the run, expected ${kafka.events}`);
    return { eventsPerSecond: rate, startupMs };
  } finally {
    await app?.close();
  }
}
