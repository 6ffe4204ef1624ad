import { nestLogCreator } from '@customs-pulse/http';
import type { LoggerService } from '@nestjs/common';
import kafkajs, { type Kafka } from 'kafkajs';
import type { ResolvedKafkaIngestOptions } from './kafka-ingest-options.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/** The one kafkajs client of the ingest transport: its consumer and its dead-letter producer share it. */
export function kafkajsClient(options: ResolvedKafkaIngestOptions, logger: LoggerService): Kafka {
  return new KafkaClient({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator(logger),
  });
}
