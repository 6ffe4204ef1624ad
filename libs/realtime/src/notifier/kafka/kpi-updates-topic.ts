import { type RetryingOptions, retrying } from '@customs-pulse/backoff';
import { type Kafka } from 'kafkajs';

/** Partitions of a KPI updates topic the system creates: several gateways' fetches spread, one slice keeps its order. */
const PARTITIONS = 6;

/** Each admin request's attempts: 20, about half a minute of backoff. */
const PATIENCE: Omit<RetryingOptions, 'retryable'> = { attempts: 20, backoff: { initialMs: 100, maxMs: 2000, multiplier: 2 } };

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
    await retrying(() => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] }), { ...PATIENCE, retryable: () => true });
    return await retrying(() => admin.fetchTopicOffsets(topic), { ...PATIENCE, retryable: (error) => (error as { retriable?: boolean }).retriable === true });
  } finally {
    await admin.disconnect();
  }
}
