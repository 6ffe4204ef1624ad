import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import { runSimulation, TrafficSimulation, type TrafficOptions } from '@customs-pulse/simulation';
import { acquireTestBroker, kafkaAvailable, NOON_IN_TASHKENT, PacedClock, type TestBroker, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import type { INestApplicationContext } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopics, eventKeys, groupCaughtUp, readRecords, startKafkaIngestApp, storedEvents, testKafka, uniqueName } from '@customs-pulse/testing/kafka';

describeWithInfrastructure('a Kafka broker (Java 17+ for scripts/kafka.sh)', await kafkaAvailable(), 'the simulator against the real Kafka broker', () => {
  let broker: TestBroker;
  let kafka: Kafka;
  let admin: Admin;
  let folder: string;
  let ingest: INestApplicationContext | undefined;
  let store: SqliteEventStore | undefined;

  beforeAll(async () => {
    broker = await acquireTestBroker();
    kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    await admin.connect();
    folder = mkdtempSync(join(tmpdir(), 'simulator-kafka-'));
  }, 300_000);

  afterAll(async () => {
    await ingest?.close();
    await store?.close();
    await admin?.disconnect();
    await broker?.release();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('produces records ingest stores, keyed by subject, the malformed and conflicting ones dead-lettered', async () => {
    const [clearance, enforcement, deadLetters] = [uniqueName('clearance'), uniqueName('enforcement'), uniqueName('deadletter')];
    await createTopics(admin, [clearance, enforcement, deadLetters]);
    const groupId = uniqueName('ingest');
    store = SqliteEventStore.open({ file: join(folder, 'events.db') });
    const ingestOptions = { brokers: [broker.bootstrap], groupId, topics: [clearance, enforcement], deadLetterTopic: deadLetters, heartbeatIntervalMs: 500 };
    // From Tashkent's noon, whose working day the traffic follows: the same history, malformed records included, at
    // any hour. Ingest runs on the same clock, which decides what lies too far in the future.
    const clock = new PacedClock(NOON_IN_TASHKENT);
    ingest = await startKafkaIngestApp(store, ingestOptions, ['error'], clock);
    // An hour of history at 2 events/s, then 2 s of live traffic.
    const options: TrafficOptions = { seed: 6, start: clock.millis(), rate: 20, days: 1 / 24, historyRate: 2 };
    const sink = await KafkaEventSink.connect({ brokers: [broker.bootstrap], clearanceTopic: clearance, enforcementTopic: enforcement });

    const stats = await runSimulation({ traffic: new TrafficSimulation(options), sink, now: clock.millis, durationSeconds: 2 }).finally(() => sink.close());

    const sent = new TrafficSimulation(options).takeDue(options.start + 2_000, Infinity);
    expect(stats.history + stats.live).toBe(sent.length);
    await waitUntil('ingest has consumed every record', () => groupCaughtUp(admin, groupId, [clearance, enforcement]), 60_000);
    const originals = sent.filter(({ kind }) => kind === 'original');
    const stored = await storedEvents(store);
    expect(eventKeys(stored)).toEqual(new Set(originals.map(({ event }) => `${String(event['source'])} ${String(event['id'])}`)));
    expect(stored).toHaveLength(originals.length);

    const refused = sent.filter(({ kind }) => kind === 'invalid' || kind === 'conflict');
    expect(refused.length).toBeGreaterThan(0);
    const deadLettered = await readRecords(kafka, deadLetters, refused.length);
    expect(new Set(deadLettered.map(({ value }) => JSON.parse(String(value)).id))).toEqual(new Set(refused.map(({ event }) => event['id'])));
    // A declaration's events share its key, so that they keep their order in one partition.
    expect(deadLettered.every(({ key, value }) => String(key) === String(JSON.parse(String(value)).subject))).toBe(true);
  }, 120_000);
});
