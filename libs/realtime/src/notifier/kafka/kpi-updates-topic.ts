import { backoffDelays } from '@customs-pulse/backoff';
import { type Kafka } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

/** Partitions of a KPI updates topic the system creates: several gateways' fetches spread, one slice keeps its order. */
const PARTITIONS = 6;

/**
 * Creates the KPI updates topic if it is missing, and returns the end offset of each partition. Whichever of
 * projector and gateway starts first creates it. A topic just created answers "not the leader" for a moment, so
 * retriable errors are retried for about half a minute.
 */
export async function kpiUpdatesTopicEnds(kafka: Kafka, topic: string): Promise<{ partition: number; offset: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
    const delays = backoffDelays({ initialMs: 100, maxMs: 2000, multiplier: 2 });
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await admin.fetchTopicOffsets(topic);
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || attempt >= 20) throw error;
        await delay(delays.next().value);
      }
    }
  } finally {
    await admin.disconnect();
  }
}
