import { type KpiUpdate, type Notifier, type TargetPublisher, type TargetUpdate } from '@customs-pulse/kpi';
import kafkajs, { type Kafka, type Producer } from 'kafkajs';

import { TARGET_UPDATE_KIND, UPDATE_KIND_HEADER, kpiUpdateKey, targetUpdateKey } from './kpi-update-record.js';
import { kpiUpdatesTopicEnds } from './kpi-updates-topic.js';

const { Partitioners } = kafkajs;

/**
 * The `Notifier` of the distributed projector: each batch's changed current values go to the KPI updates topic
 * (`customs.kpi-updates.v1`), which every gateway reads in a consumer group of its own (architecture.md). It is the
 * projector's `TargetPublisher` too: targets judged there travel the same way, marked by a header.
 */
export class KafkaKpiUpdatePublisher implements Notifier, TargetPublisher {
  private readonly producer: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {
    // More patient than kafkajs' default (5 retries): a broker under load answers "not the leader" for a while, and
    // an update given up is only replaced by the slice's next change.
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, retry: { retries: 10 } });
  }

  /** Connects, creating the topic when it is missing (a fresh cluster; nothing otherwise). */
  async connect(): Promise<void> {
    await kpiUpdatesTopicEnds(this.kafka, this.topic);
    await this.producer.connect();
  }

  /**
   * Resolves once the broker has the updates. A failure rejects: the projector logs it and goes on, since an update
   * is a notification, not data; the next change of the same slice carries the current value again.
   */
  async publishKpiUpdates(updates: readonly KpiUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: updates.map((update) => ({ key: kpiUpdateKey(update), value: JSON.stringify(update) })),
    });
  }

  /** Sends each target update, marked `customs-pulse-update: target.updated`; a failure rejects, as above. */
  async publishTargetUpdates(updates: readonly TargetUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: updates.map((update) => ({ key: targetUpdateKey(update), value: JSON.stringify(update), headers: { [UPDATE_KIND_HEADER]: TARGET_UPDATE_KIND } })),
    });
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}
