import type { LoggerService } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumedRecord } from '../../messaging/consumed-record.js';
import type { RecordBatch, RecordBatchHandler, RecordBatchSource } from '../../messaging/record-batch-source.port.js';
import type { ResolvedKafkaIngestOptions } from './kafka-ingest-options.js';

type SourceOptions = Pick<
  ResolvedKafkaIngestOptions,
  | 'groupId'
  | 'topics'
  | 'fromBeginning'
  | 'maxBytesPerPartition'
  | 'maxBytes'
  | 'maxWaitTimeMs'
  | 'sessionTimeoutMs'
  | 'heartbeatIntervalMs'
  | 'partitionsConsumedConcurrently'
>;

/**
 * The {@link RecordBatchSource} port over a kafkajs consumer group. kafkajs never commits by itself here
 * (`autoCommit: false`, no auto-resolve): a position moves only when the handler commits it.
 */
export class KafkajsRecordBatchSource implements RecordBatchSource {
  private readonly consumer: Consumer;
  private joined = false;

  constructor(
    kafka: Kafka,
    private readonly options: SourceOptions,
    private readonly logger: LoggerService,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxBytes: options.maxBytes,
      maxWaitTimeInMs: options.maxWaitTimeMs,
      // Topics are provisioned; auto-creating one with a mistyped name would hide the mistake.
      allowAutoTopicCreation: false,
    });
  }

  get inGroup(): boolean {
    return this.joined;
  }

  async start(handler: RecordBatchHandler): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => void (this.joined = true));
    this.consumer.on(this.consumer.events.STOP, () => void (this.joined = false));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // Out of the group until it joins again, also while kafkajs restarts it: a broker that is down or restarting
      // makes it crash and restart over and over, and a worker that cannot consume must not say it is ready.
      this.joined = false;
      // kafkajs logs every crash and restarts after retriable errors (e.g. COORDINATOR_LOAD_IN_PROGRESS on a fresh
      // broker); only a crash it does not restart from needs saying again.
      if (!payload.restart) {
        this.logger.error(`the consumer of group ${payload.groupId} stopped for good: ${payload.error.message}`, payload.error.stack);
      }
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => handler(new KafkajsRecordBatch(payload)),
    });
  }

  /** kafkajs' disconnect stops fetching, waits for the running `eachBatch`, leaves the group, then disconnects. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

class KafkajsRecordBatch implements RecordBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ConsumedRecord[];

  constructor(private readonly payload: EachBatchPayload) {
    const { topic, partition, messages } = payload.batch;
    this.topic = topic;
    this.partition = partition;
    this.records = messages.map((message) => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key ?? null,
      value: message.value ?? null,
      headers: message.headers ?? {},
    }));
  }

  isRevoked(): boolean {
    return this.payload.isStale();
  }

  heartbeat(): Promise<void> {
    return this.payload.heartbeat();
  }

  async commitThrough(record: ConsumedRecord): Promise<void> {
    // Past the batch's last record means past the control records kafkajs filtered out after it, too.
    const last = record === this.records.at(-1) ? this.payload.batch.lastOffset() : record.offset;
    const next = (BigInt(last) + 1n).toString();
    // The payload's commit, unlike `consumer.commitOffsets`, still works once the consumer is stopping: a
    // graceful shutdown acknowledges the batch it finished.
    await this.payload.commitOffsetsIfNecessary({
      topics: [{ topic: this.topic, partitions: [{ partition: this.partition, offset: next }] }],
    });
    this.payload.resolveOffset(record.offset);
  }
}
