import { backoffDelays } from '@customs-pulse/backoff';
import { type Kafka } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

/** Partitions of a KPI updates topic the system creates: several gateways' fetches spread, one slice keeps its order. */
const PARTITIONS = 6;

/** Attempts of each admin request before a retriable error is given up on: about half a minute of backoff. */
const ATTEMPTS = 20;

/**
 * Creates the KPI updates topic if it is missing, and returns the end offset of each partition. Whichever of
 * projector and gateway starts first creates it. A topic just created answers "not the leader" for a moment, so
 * reading its ends retries retriable errors for about half a minute. Creating it retries every error as long: on a
 * broker that has just started, kafkajs' createTopics gives up on the new topic's metadata not being there yet and
 * reports that as not retriable, which would fail the app's start (seen in the distributed e2e test).
 */
export async function kpiUpdatesTopicEnds(kafka: Kafka, topic: string): Promise<{ partition: number; offset: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await retried(ANY_ERROR, () => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] }));
    return await retried(RETRIABLE_ERROR, () => admin.fetchTopicOffsets(topic));
  } finally {
    await admin.disconnect();
  }
}

const ANY_ERROR = (): boolean => true;
const RETRIABLE_ERROR = (error: unknown): boolean => (error as { retriable?: boolean }).retriable === true;

async function retried<T>(retryable: (error: unknown) => boolean, request: () => Promise<T>): Promise<T> {
  const delays = backoffDelays({ initialMs: 100, maxMs: 2000, multiplier: 2 });
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!retryable(error) || attempt >= ATTEMPTS) throw error;
      await delay(delays.next().value);
    }
  }
}
