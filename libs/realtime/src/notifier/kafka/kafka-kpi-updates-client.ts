import { nestLogCreator } from '@customs-pulse/http';
import { type LoggerService } from '@nestjs/common';
import kafkajs, { type Kafka } from 'kafkajs';

import { type KafkaKpiUpdatesSettings } from './kafka-kpi-updates-settings.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/** The kafkajs client of the KPI update transport, logging through Nest like every Kafka client of the system. */
export function kafkaKpiUpdatesClient(settings: KafkaKpiUpdatesSettings, logger: LoggerService): Kafka {
  return new KafkaClient({ clientId: settings.clientId, brokers: [...settings.brokers], logLevel: logLevel.WARN, logCreator: nestLogCreator(logger) });
}
