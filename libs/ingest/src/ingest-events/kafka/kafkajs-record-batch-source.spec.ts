import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkajsRecordBatchSource } from './kafkajs-record-batch-source.js';

const EVENTS = { GROUP_JOIN: 'consumer.group_join', STOP: 'consumer.stop', CRASH: 'consumer.crash' } as const;

/** What the source uses of a kafkajs consumer: its events, and the calls that start it. */
class FakeConsumer extends EventEmitter {
  readonly events = EVENTS;
  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}
  async run(): Promise<void> {}
  async disconnect(): Promise<void> {}

  crash(restart: boolean): void {
    this.emit(EVENTS.CRASH, { payload: { error: new Error('Connection error: connect ECONNREFUSED'), groupId: 'g', restart } });
  }
}

async function startedSource(consumer: FakeConsumer): Promise<KafkajsRecordBatchSource> {
  const kafka = { consumer: () => consumer } as unknown as Kafka;
  const source = new KafkajsRecordBatchSource(
    kafka,
    { groupId: 'g', topics: ['t'], fromBeginning: true, maxBytesPerPartition: 1, maxBytes: 1, maxWaitTimeMs: 1, sessionTimeoutMs: 1, heartbeatIntervalMs: 1, partitionsConsumedConcurrently: 1 },
    new Logger('test', { timestamp: false }),
  );
  await source.start(async () => undefined);
  return source;
}

describe('KafkajsRecordBatchSource, in its group or not (the ingest worker\'s readiness)', () => {
  it('is in its group from the join until a crash kafkajs restarts from, as when the broker is down, and again once it rejoined', async () => {
    const consumer = new FakeConsumer();
    const source = await startedSource(consumer);
    expect(source.inGroup).toBe(false);
    consumer.emit(EVENTS.GROUP_JOIN, {});
    expect(source.inGroup).toBe(true);

    consumer.crash(true);
    expect(source.inGroup).toBe(false);
    consumer.crash(true);
    expect(source.inGroup).toBe(false);

    consumer.emit(EVENTS.GROUP_JOIN, {});
    expect(source.inGroup).toBe(true);
  });

  it('is out of its group for good after a crash kafkajs does not restart from, and once stopped', async () => {
    const consumer = new FakeConsumer();
    const source = await startedSource(consumer);
    consumer.emit(EVENTS.GROUP_JOIN, {});
    Logger.overrideLogger(false);
    consumer.crash(false);
    expect(source.inGroup).toBe(false);

    consumer.emit(EVENTS.GROUP_JOIN, {});
    consumer.emit(EVENTS.STOP, {});
    expect(source.inGroup).toBe(false);
  });
});
