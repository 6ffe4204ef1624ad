// Smoke check that kafkajs works against a broker: admin createTopics, produce with headers,
// consumer group with eachBatch and manual commits, admin fetchOffsets.
//
//   node scripts/kafka-smoke.mjs 127.0.0.1:9092        (or KAFKA_BROKERS=... node scripts/kafka-smoke.mjs)
//
// Prints one summary line and exits 0 on success; prints the error and exits 1 otherwise.
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const MESSAGES = 30;
const PARTITIONS = 3;
const TIMEOUT_MS = 60_000;

const brokers = (process.argv[2] ?? process.env.KAFKA_BROKERS ?? '')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
if (brokers.length === 0) {
  console.error('usage: node scripts/kafka-smoke.mjs <host:port>[,<host:port>...]');
  process.exit(2);
}

const runId = randomUUID().slice(0, 8);
const topic = `kafka-smoke-${runId}`;
const groupId = `kafka-smoke-${runId}`;

// Retriable errors are expected on a fresh broker (e.g. the coordinator not being available until
// __consumer_offsets exists), so client logs are only shown when the check fails.
const clientLogs = [];
const logCreator =
  () =>
  ({ namespace, label, log }) => {
    const { message, timestamp, ...extra } = log;
    clientLogs.push(`${timestamp} ${label} [${namespace}] ${message} ${JSON.stringify(extra)}`);
  };

const kafka = new Kafka({
  clientId: 'customs-pulse-kafka-smoke',
  brokers,
  logLevel: logLevel.WARN,
  logCreator,
  retry: { retries: 3 },
});
const admin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const consumer = kafka.consumer({ groupId });

async function main() {
  const started = Date.now();
  await admin.connect();
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  if (!created) throw new Error(`createTopics reported topic ${topic} as already existing`);

  const sent = Array.from({ length: MESSAGES }, (_, i) => ({
    key: `key-${i}`,
    value: JSON.stringify({ seq: i, runId }),
    headers: { 'x-seq': String(i), 'x-run-id': runId },
  }));
  await producer.connect();
  const produced = await producer.send({ topic, acks: -1, messages: sent });
  if (produced.some((r) => r.errorCode !== 0)) {
    throw new Error(`produce errors: ${JSON.stringify(produced)}`);
  }

  const received = new Map();
  const committed = new Map();
  let batches = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const allReceived = new Promise((resolve, reject) => {
    // kafkajs restarts the consumer itself after retriable errors (a fresh broker answers the
    // first JoinGroup with COORDINATOR_LOAD_IN_PROGRESS while __consumer_offsets loads).
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(payload.error);
    });
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          batches += 1;
          for (const message of batch.messages) {
            const seq = Number(message.headers?.['x-seq']?.toString());
            const value = JSON.parse(message.value.toString());
            if (message.headers?.['x-run-id']?.toString() !== runId || value.seq !== seq) {
              throw new Error(`unexpected message at ${batch.partition}/${message.offset}`);
            }
            received.set(seq, batch.partition);
            resolveOffset(message.offset);
          }
          const next = (BigInt(batch.lastOffset()) + 1n).toString();
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
          committed.set(batch.partition, next);
          await heartbeat();
          if (received.size === MESSAGES) resolve();
        },
      })
      .catch(reject);
  });
  await allReceived;
  await consumer.disconnect();

  const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const highWatermarks = await admin.fetchTopicOffsets(topic);
  for (const { partition, high } of highWatermarks) {
    const offset = fetched.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
    const expected = high === '0' ? '-1' : high;
    if (offset !== expected) {
      throw new Error(`partition ${partition}: committed offset ${offset}, high watermark ${high}`);
    }
  }
  await admin.deleteTopics({ topics: [topic] });

  const perPartition = highWatermarks
    .sort((a, b) => a.partition - b.partition)
    .map((p) => `p${p.partition}=${p.high}`)
    .join(',');
  console.log(
    `kafka-smoke ok: brokers=${brokers.join(',')} topic=${topic} produced=${MESSAGES} ` +
      `consumed=${received.size} batches=${batches} committed[${perPartition}] in ${Date.now() - started}ms`,
  );
}

async function shutdown() {
  await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
}

const timeout = setTimeout(() => {
  if (clientLogs.length > 0) console.error(clientLogs.join('\n'));
  console.error(`kafka-smoke failed: timed out after ${TIMEOUT_MS}ms`);
  process.exit(1);
}, TIMEOUT_MS);
timeout.unref();

try {
  await main();
  await shutdown();
  process.exit(0);
} catch (error) {
  if (clientLogs.length > 0) console.error(clientLogs.join('\n'));
  console.error('kafka-smoke failed:', error);
  await shutdown();
  process.exit(1);
}
