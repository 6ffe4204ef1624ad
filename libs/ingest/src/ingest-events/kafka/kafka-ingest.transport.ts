import { CLOCK, type Clock } from '@customs-pulse/domain';
import { type ReadinessCheck } from '@customs-pulse/http';
import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { IngestEventsHandler } from '../ingest-events.handler.js';
import { INGEST_METRICS, SILENT_INGEST_METRICS, type IngestMetrics } from '../ingest-metrics.port.js';
import { countedDeadLetterSink } from './counted-dead-letter-sink.js';
import { IngestConsumer } from './ingest-consumer.js';
import { resolveKafkaIngestOptions, type KafkaIngestOptions } from './kafka-ingest-options.js';
import { kafkajsClient } from './kafkajs-client.js';
import { KafkajsDeadLetterSink } from './kafkajs-dead-letter-sink.js';
import { KafkajsRecordBatchSource } from './kafkajs-record-batch-source.js';

/** DI token for the {@link KafkaIngestOptions} of `IngestModule.forRoot({ kafka })`. */
export const KAFKA_INGEST_OPTIONS = Symbol('KafkaIngestOptions');

/**
 * Runs the Kafka transport of ingest for the app's lifetime: consuming from bootstrap, until shutdown. As a readiness
 * check (`kafkaIngest`), a worker is ready while it is a member of its consumer group, so that an orchestrator does
 * not count a worker that has no partitions to consume yet, or that kafkajs gave up on.
 */
@Injectable()
export class KafkaIngestTransport implements OnApplicationBootstrap, BeforeApplicationShutdown, ReadinessCheck {
  readonly name = 'kafkaIngest';
  private readonly logger = new Logger('KafkaIngest');
  private consumer?: IngestConsumer;
  private source?: KafkajsRecordBatchSource;

  constructor(
    @Inject(KAFKA_INGEST_OPTIONS) private readonly options: KafkaIngestOptions,
    @Inject(IngestEventsHandler) private readonly ingest: IngestEventsHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(INGEST_METRICS) private readonly metrics: IngestMetrics = SILENT_INGEST_METRICS,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const options = resolveKafkaIngestOptions(this.options);
    const kafka = kafkajsClient(options, this.logger);
    const source = new KafkajsRecordBatchSource(kafka, options, this.logger);
    this.source = source;
    const consumer = new IngestConsumer(
      source,
      countedDeadLetterSink(new KafkajsDeadLetterSink(kafka, options.deadLetterTopic, options.idempotentDeadLetters, this.logger), this.metrics),
      this.ingest,
      this.clock,
      options,
      this.logger,
    );
    this.consumer = consumer;
    try {
      await consumer.start();
    } catch (error) {
      await consumer.stop().catch(() => undefined);
      throw error;
    }
    this.logger.log(`consuming ${options.topics.join(', ')} as group ${options.groupId}; rejects go to ${options.deadLetterTopic}`);
  }

  check(): { ready: boolean } {
    return { ready: this.source?.inGroup ?? false };
  }

  /**
   * Before, not on, application shutdown: the event store closes on `onApplicationShutdown`, and the batch in
   * flight must still be able to reach it and be committed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }
}
