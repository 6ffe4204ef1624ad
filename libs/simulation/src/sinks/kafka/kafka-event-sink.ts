import { isProducerEventType, ENFORCEMENT_EVENT_TYPES } from '@customs-pulse/domain';
import kafkajs, { type Kafka, type Producer } from 'kafkajs';
import { type CloudEventJson } from '../../events/simulated-event.js';
import { type EventSink, type SimulationLogger, type SinkReceipt } from '../event-sink.port.js';

const { Kafka: KafkaClient, logLevel, Partitioners } = kafkajs;

export interface KafkaEventSinkOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** @defaultValue `customs.clearance.v1` */
  readonly clearanceTopic?: string;
  /** @defaultValue `customs.enforcement.v1` */
  readonly enforcementTopic?: string;
  /** @defaultValue `customs-pulse-simulator` */
  readonly clientId?: string;
  readonly logger?: SimulationLogger;
}

const ENFORCEMENT: ReadonlySet<string> = new Set(ENFORCEMENT_EVENT_TYPES);

/**
 * Produces each event as events.md asks: JSON value, key = subject (so that a declaration's events keep their order
 * in one partition), header `content-type: application/cloudevents+json`; enforcement events to their own topic.
 * Waits for every in-sync replica (`acks: -1`); kafkajs retries what the broker lets it retry.
 */
export class KafkaEventSink implements EventSink {
  private constructor(
    private readonly producer: Producer,
    private readonly clearanceTopic: string,
    private readonly enforcementTopic: string,
  ) {}

  /** A sink whose producer is connected. */
  static async connect(options: KafkaEventSinkOptions): Promise<KafkaEventSink> {
    const kafka: Kafka = new KafkaClient({
      clientId: options.clientId ?? 'customs-pulse-simulator',
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => ({ namespace, log }) => options.logger?.warn(`kafkajs ${namespace}: ${log.message}`),
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkaEventSink(producer, options.clearanceTopic ?? 'customs.clearance.v1', options.enforcementTopic ?? 'customs.enforcement.v1');
  }

  async send(events: readonly CloudEventJson[], signal: AbortSignal): Promise<SinkReceipt> {
    signal.throwIfAborted();
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const event of events) {
      const type = event['type'];
      const topic = isProducerEventType(type) && ENFORCEMENT.has(type) ? this.enforcementTopic : this.clearanceTopic;
      const message = { key: String(event['subject']), value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } };
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    return {};
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
