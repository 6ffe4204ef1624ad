import type { Kafka } from 'kafkajs';
import { uniqueName } from '@customs-pulse/testing/kafka';
import { eventsPerSecond } from '../harness/measure.js';
import { RUN_TIMEOUT_MS, type ConsumeRun } from './kafka-ingest-run.js';

/** The fetch settings ingest's consumer uses, so that the raw consumer differs only in doing nothing with records. */
export interface FetchSettings {
  readonly maxBytesPerPartition: number;
  readonly maxBytes: number;
  readonly maxWaitTimeMs: number;
}

/**
 * A plain kafkajs consumer with a new group reading the whole topic with `eachBatch`, counting the records and
 * nothing else (kafkajs' default auto-commit): the rate this broker and client allow. Timed from `connect` until
 * the last record is counted.
 */
export async function timeRawConsume(kafka: Kafka, topic: string, events: number, fetch: FetchSettings): Promise<ConsumeRun> {
  const consumer = kafka.consumer({
    groupId: uniqueName('bench-raw'),
    maxBytesPerPartition: fetch.maxBytesPerPartition,
    maxBytes: fetch.maxBytes,
    maxWaitTimeInMs: fetch.maxWaitTimeMs,
    allowAutoTopicCreation: false,
  });
  let startupMs = 0;
  try {
    const rate = await eventsPerSecond(events, async () => {
      const startedAt = performance.now();
      let counted = 0;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`counted ${counted} of ${events} records in ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
        const count = async ({ batch }: { batch: { messages: readonly unknown[] } }): Promise<void> => {
          if (counted === 0) startupMs = performance.now() - startedAt;
          counted += batch.messages.length;
          if (counted >= events) {
            clearTimeout(timer);
            resolve();
          }
        };
        consumer
          .connect()
          .then(() => consumer.subscribe({ topics: [topic], fromBeginning: true }))
          .then(() => consumer.run({ eachBatch: count }))
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    });
    return { eventsPerSecond: rate, startupMs };
  } finally {
    await consumer.disconnect();
  }
}
