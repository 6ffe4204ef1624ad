import type { Kafka } from 'kafkajs';
import { createTopics, endOffsets, testProducer } from '@customs-pulse/testing/kafka';
import { inBatches, type ProducerRecord } from './producer-events.js';

/** Records per produce request, and requests in flight at once. */
const RECORDS_PER_REQUEST = 1_000;
const REQUESTS_IN_FLIGHT = 4;

/**
 * Creates the source topic and the dead-letter topic, and produces `records` to the source as producers do: keyed
 * by subject, so that the default partitioner keeps each declaration in one partition, with the content-type
 * header, `acks: -1`. Resolves with the seconds producing took, once the end offsets add up to every record.
 */
export async function fillTopic(
  kafka: Kafka,
  topics: { readonly source: string; readonly deadLetter: string },
  records: readonly ProducerRecord[],
  partitions: number,
): Promise<number> {
  const admin = kafka.admin();
  const producer = testProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    await createTopics(admin, [topics.source, topics.deadLetter], { partitions });
    const startedAt = process.hrtime.bigint();
    const requests = inBatches(records, RECORDS_PER_REQUEST);
    let next = 0;
    const sender = async (): Promise<void> => {
      for (let request = requests[next++]; request !== undefined; request = requests[next++]) {
        await producer.send({
          topic: topics.source,
          acks: -1,
          messages: request.map(({ key, value }) => ({ key, value, headers: { 'content-type': 'application/cloudevents+json' } })),
        });
      }
    };
    await Promise.all(Array.from({ length: REQUESTS_IN_FLIGHT }, sender));
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const stored = [...(await endOffsets(admin, topics.source)).values()].reduce((sum, high) => sum + high, 0);
    if (stored !== records.length) throw new Error(`topic ${topics.source} holds ${stored} records, expected ${records.length}`);
    return seconds;
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }
}
