import { type KpiUpdate, type TargetUpdate } from '@customs-pulse/kpi';
import { type LoggerService } from '@nestjs/common';
import { type Consumer, type Kafka } from 'kafkajs';

import { isTargetUpdateRecord, kpiUpdateOf, targetUpdateOf } from './kpi-update-record.js';
import { kpiUpdatesTopicEnds } from './kpi-updates-topic.js';

/**
 * A gateway's reader of the KPI updates topic. Its consumer group is its own (one per gateway), so every gateway
 * sees every update; it starts at the end of the topic, because a client's subscription starts from a snapshot, not
 * from history. Offsets are committed automatically: a lost update is replaced by the next one of its slice.
 */
export class KafkaKpiUpdateListener {
  private readonly consumer: Consumer;
  /** Resolves once the consumer has joined its group and been given the topic's partitions. */
  readonly joined: Promise<void>;
  private hasJoined = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    groupId: string,
    private readonly push: (updates: readonly KpiUpdate[]) => void,
    private readonly logger: LoggerService,
    /** Where the target updates the topic carries go. @defaultValue nowhere */
    private readonly pushTargets: (updates: readonly TargetUpdate[]) => void = () => undefined,
  ) {
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    this.joined = new Promise((resolve) => {
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        remove();
        this.hasJoined = true;
        resolve();
      });
    });
  }

  /**
   * Joins the group and starts pushing every update published after this call resolves. The end of each partition is
   * read first and the consumer is put there: "latest" alone would be resolved only at the first fetch, after the
   * group join, and lose what was published in between.
   */
  async start(): Promise<void> {
    const ends = await kpiUpdatesTopicEnds(this.kafka, this.topic);
    // kafkajs takes a seek only once the group is initialized, which `run` does not wait for: the first join is the
    // moment, before the first fetch.
    const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      remove();
      for (const { partition, offset } of ends) this.consumer.seek({ topic: this.topic, partition, offset });
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: false });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const updates: KpiUpdate[] = [];
        const targets: TargetUpdate[] = [];
        for (const message of batch.messages) {
          const isTarget = isTargetUpdateRecord(message.headers);
          const update = isTarget ? targetUpdateOf(message.value) : kpiUpdateOf(message.value);
          if (update === null) this.logger.warn(`skipped a record of ${this.topic} that is not a ${isTarget ? 'target' : 'KPI'} update (partition ${batch.partition}, offset ${message.offset})`);
          else if (isTarget) targets.push(update as TargetUpdate);
          else updates.push(update as KpiUpdate);
        }
        this.push(updates);
        if (targets.length > 0) this.pushTargets(targets);
      },
    });
  }

  /** Readiness (`GET /health/ready`): a gateway is ready once its updates flow, that is once it joined its group. */
  check(): { ready: boolean } {
    return { ready: this.hasJoined };
  }

  readonly name = 'kpiUpdates';

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
