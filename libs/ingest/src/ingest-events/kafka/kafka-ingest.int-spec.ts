import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { EventStoreUnavailableError, type EventStore } from '@customs-pulse/event-store';
import {
  acquireTestBroker,
  anEvent,
  cloudEvent,
  dropSchemas,
  kafkaAvailable,
  postgresAvailable,
  postgresUrl,
  uniqueSchemaName,
  waitUntil,
  type RawCloudEvent,
  type TestBroker,
} from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import type { INestApplicationContext } from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import {
  cloudEventRecord,
  committedOffsets,
  createTopics,
  endOffsets,
  eventKeys,
  FaultyEventStore,
  groupCaughtUp,
  produce,
  readRecords,
  startKafkaIngestApp,
  storedEvents,
  testKafka,
  testProducer,
  uniqueName,
  type ProducedRecord,
  type TestRecord,
} from '@customs-pulse/testing/kafka';
import { IngestQualityRecorder } from '../../ingest-quality/ingest-quality-recorder.js';
import { INGEST_QUALITY_TALLY, type IngestQualitySummary, type IngestQualityTally } from '../../ingest-quality/ingest-quality-tally.port.js';
import type { KafkaIngestOptions } from './kafka-ingest-options.js';
import { KafkaIngestTransport } from './kafka-ingest.transport.js';

/** 150 clearance events over 25 declarations and 50 enforcement events over 10 seizure cases: all different. */
function validEvents(): { clearance: RawCloudEvent[]; enforcement: RawCloudEvent[] } {
  return {
    clearance: Array.from({ length: 150 }, (_, i) => anEvent.dutiesPaid(`DEC-${i % 25}`, { amount: i })),
    enforcement: Array.from({ length: 50 }, (_, i) => anEvent.seizureRecorded(`SEIZ-${i % 10}`, { quantity: i + 1 })),
  };
}

const TWO_MIB = 2 * 1024 * 1024;

/** Records ingest must dead-letter, each for a reason of its own. */
const invalidRecords = {
  notJson: { key: 'DEC-1', value: '{"specversion": "1.0", ' },
  twoMiB: { key: 'DEC-2', value: JSON.stringify(anEvent.goodsExited('DEC-2', { gate: 'x'.repeat(TWO_MIB) })) },
  systemType: cloudEventRecord(cloudEvent('AlertRaised', 'ALERT-1', {})),
  invalidEvent: cloudEventRecord(anEvent.laneAssigned('DEC-3', { lane: 'PURPLE' })),
  tombstone: { key: 'DEC-4', value: null },
} satisfies Record<string, TestRecord>;

/** `(source, id)` of raw events, as {@link eventKeys} gives them for stored ones. */
function keysOf(events: readonly RawCloudEvent[]): Set<string> {
  return new Set(events.map(({ source, id }) => `${String(source)} ${String(id)}`));
}

/** What an ingest app has tallied so far, once its recorder has written every count. */
async function tallyOf(app: INestApplicationContext): Promise<IngestQualitySummary> {
  await app.get(IngestQualityRecorder).flush();
  return app.get<IngestQualityTally>(INGEST_QUALITY_TALLY).read();
}

const withPostgres = await postgresAvailable();

describeWithInfrastructure('a Kafka broker (Java 17+ for scripts/kafka.sh)', await kafkaAvailable(), 'Kafka ingest', () => {
  let broker: TestBroker;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let folder: string;
  const apps: INestApplicationContext[] = [];
  const stores: EventStore[] = [];
  const schemas: string[] = [];

  beforeAll(async () => {
    broker = await acquireTestBroker();
    kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    producer = testProducer(kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    folder = mkdtempSync(join(tmpdir(), 'kafka-ingest-'));
  }, 300_000);

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const store of stores.splice(0)) await store.close();
  });

  afterAll(async () => {
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
    await broker?.release();
    await dropSchemas(schemas);
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  /** Fresh topics and group for one test, and the options of an ingest consuming them. */
  async function freshTopics(overrides: Partial<KafkaIngestOptions> = {}, deadLetterMaxMessageBytes?: number | null) {
    const clearance = uniqueName('clearance');
    const enforcement = uniqueName('enforcement');
    const deadLetters = uniqueName('deadletter');
    await createTopics(admin, [clearance, enforcement]);
    await createTopics(admin, [deadLetters], { maxMessageBytes: deadLetterMaxMessageBytes });
    const options: KafkaIngestOptions = {
      brokers: [broker.bootstrap],
      groupId: uniqueName('ingest'),
      topics: [clearance, enforcement],
      deadLetterTopic: deadLetters,
      heartbeatIntervalMs: 500,
      ...overrides,
    };
    return { clearance, enforcement, deadLetters, options };
  }

  async function startIngest(options: KafkaIngestOptions, store: EventStore = SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) })) {
    stores.push(store);
    apps.push(await startKafkaIngestApp(store, options));
    return store;
  }

  it('stores every valid event once, dead-letters every invalid record with its reasons and origin, and commits all', async () => {
    const { clearance, enforcement, deadLetters, options } = await freshTopics();
    const { clearance: clearanceEvents, enforcement: enforcementEvents } = validEvents();
    // The invalid records sit between valid ones in their partitions: what follows them must be stored too.
    await produce(producer, clearance, clearanceEvents.slice(0, 75).map((event) => cloudEventRecord(event)));
    await produce(producer, enforcement, enforcementEvents.slice(0, 25).map((event) => cloudEventRecord(event)));
    const invalid = await produce(producer, clearance, [
      { ...invalidRecords.notJson, partition: 0 },
      { ...invalidRecords.twoMiB, partition: 1 },
      { ...invalidRecords.invalidEvent, partition: 2 },
      { ...invalidRecords.tombstone, partition: 0 },
    ]);
    invalid.push(...(await produce(producer, enforcement, [invalidRecords.systemType])));
    await produce(producer, clearance, clearanceEvents.slice(75).map((event) => cloudEventRecord(event)));
    await produce(producer, enforcement, enforcementEvents.slice(25).map((event) => cloudEventRecord(event)));

    const store = await startIngest(options);
    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    const stored = await storedEvents(store);
    expect(stored).toHaveLength(200);
    expect(eventKeys(stored).size).toBe(200);
    expect(eventKeys(stored)).toEqual(keysOf([...clearanceEvents, ...enforcementEvents]));
    const letters = await readRecords(kafka, deadLetters, invalid.length);
    expect([...(await endOffsets(admin, deadLetters)).values()].reduce((sum, end) => sum + end, 0)).toBe(5);
    for (const original of invalid) {
      const topic = original.value === invalidRecords.systemType.value ? enforcement : clearance;
      const letter = letters.find(
        ({ headers }) =>
          headers?.['x-original-topic']?.toString() === topic &&
          headers['x-original-partition']?.toString() === String(original.partition) &&
          headers['x-original-offset']?.toString() === String(original.offset),
      );
      expect(letter).toBeDefined();
      expect(letter!.key?.toString()).toBe(original.key);
      expect(letter!.value === null ? null : letter!.value.toString()).toEqual(original.value);
      const reasons = JSON.parse(letter!.headers!['x-dead-letter-reasons']!.toString()) as { path: string; message: string }[];
      expect(reasons.length).toBeGreaterThan(0);
      expect(Date.parse(letter!.headers!['x-dead-lettered-at']!.toString())).not.toBeNaN();
    }
    const reasonsOf = (value: TestRecord['value']) =>
      letters.find((letter) => (letter.value?.toString() ?? null) === value)!.headers!['x-dead-letter-reasons']!.toString();
    expect(reasonsOf(invalidRecords.twoMiB.value)).toContain('must be at most 65536 bytes');
    expect(reasonsOf(invalidRecords.invalidEvent.value)).toContain('data.lane');
    expect(reasonsOf(invalidRecords.systemType.value)).toContain('type');
    expect(await tallyOf(apps.at(-1)!)).toEqual({
      rejected: {
        total: 5,
        byReason: [
          // Not JSON: the half record, and the tombstone's empty value.
          { reason: 'must be valid JSON', count: 2 },
          { reason: 'data.lane: must be one of GREEN, YELLOW, RED, BLUE', count: 1 },
          { reason: 'data: was not checked because type is invalid', count: 1 },
          { reason: 'must be at most 65536 bytes of JSON', count: 1 },
          { reason: 'type: AlertRaised is written by the system and cannot be submitted', count: 1 },
        ],
      },
      duplicates: 0,
    });
  });

  it('dead-letters a record too large for the dead-letter topic without its value, rather than stopping its partition', async () => {
    const { clearance, deadLetters, options } = await freshTopics({}, null);
    const after = anEvent.goodsArrived('DEC-5');
    const [tooLarge] = await produce(producer, clearance, [{ ...invalidRecords.twoMiB, partition: 0 }, cloudEventRecord(after, 0)]);
    const store = await startIngest(options);

    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    const [letter] = await readRecords(kafka, deadLetters, 1);
    expect(letter!.value).toBeNull();
    expect(letter!.key?.toString()).toBe(invalidRecords.twoMiB.key);
    expect(letter!.headers?.['x-dead-letter-value-omitted-bytes']?.toString()).toBe(String(Buffer.byteLength(invalidRecords.twoMiB.value)));
    expect(letter!.headers?.['x-original-offset']?.toString()).toBe(String(tooLarge!.offset));
    expect(letter!.headers?.['x-dead-letter-reasons']?.toString()).toContain('must be at most 65536 bytes');
    expect(eventKeys(await storedEvents(store))).toEqual(keysOf([after]));
  });

  it('dead-letters records breaking the v1.1 limits on values with their reasons, and stores the good one beside them', async () => {
    const { clearance, deadLetters, options } = await freshTopics();
    const good = anEvent.dutiesPaid('DEC-6', { amount: 1e12 });
    const overLimits = anEvent.goodsArrived('DEC-7', { officeId: 'OFFICE\u0007', conveyanceRef: 'C'.repeat(129) });
    // Not UTF-8 (0xFF), and an amount JSON.parse reads as Infinity.
    const badBytes = { key: 'DEC-8', value: Buffer.from([...Buffer.from('{"id":"'), 0xff, ...Buffer.from('"}')]) };
    const infinite = { key: 'DEC-9', value: JSON.stringify(anEvent.dutiesPaid('DEC-9', { amount: 7 })).replace('"amount":7', '"amount":1e400') };
    await produce(producer, clearance, [
      { ...cloudEventRecord(overLimits), partition: 0 },
      { ...badBytes, partition: 0 },
      { ...infinite, partition: 0 },
      cloudEventRecord(good, 0),
    ]);
    const store = await startIngest(options);

    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    const reasons = (await readRecords(kafka, deadLetters, 3)).map((letter) => JSON.parse(letter.headers!['x-dead-letter-reasons']!.toString()) as unknown);
    // Dead letters keep their keys, so they may come back from several partitions, in any order.
    expect(reasons).toHaveLength(3);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([
          { path: 'data.officeId', message: 'holds the control character U+0007 (U+0000 to U+001F and U+007F are refused)' },
          { path: 'data.conveyanceRef', message: 'must be a string of 1 to 128 characters' },
        ]),
        [{ path: '', message: 'must be UTF-8 encoded JSON' }],
        [{ path: 'data.amount', message: 'must be a number from 0 to 10^12' }],
      ]),
    );
    expect(eventKeys(await storedEvents(store))).toEqual(keysOf([good]));
  });

  it("dead-letters a record the store cannot hold with the store's reason, and stores the others of its slice", async () => {
    const { clearance, deadLetters, options } = await freshTopics();
    const refusal = { field: 'data.officeId', reason: 'holds U+0000 (NUL), which PostgreSQL text and JSON cannot hold' };
    // Validation refuses a NUL itself, so the store refuses a valid office instead: the store's word is what is tested.
    const [before, refused, after] = ['OFFICE-01', 'OFFICE-REFUSED', 'OFFICE-02'].map((officeId, i) => anEvent.goodsArrived(`DEC-R-${i}`, { officeId }));
    await produce(producer, clearance, [before!, refused!, after!].map((event) => cloudEventRecord(event, 0)));
    const sqlite = SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) });
    const store = await startIngest(options, new FaultyEventStore(sqlite, { refuse: (event) => (event.data['officeId'] === 'OFFICE-REFUSED' ? refusal : undefined) }));

    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    const [letter] = await readRecords(kafka, deadLetters, 1);
    expect(JSON.parse(letter!.headers!['x-dead-letter-reasons']!.toString())).toEqual([{ path: refusal.field, message: refusal.reason }]);
    expect(JSON.parse(letter!.value!.toString())).toEqual(refused);
    expect(eventKeys(await storedEvents(store))).toEqual(keysOf([before!, after!]));
    expect((await tallyOf(apps.at(-1)!)).rejected.byReason).toEqual([{ reason: `${refusal.field}: ${refusal.reason}`, count: 1 }]);
  });

  it('dead-letters a record whose append keeps failing for its content after KAFKA_POISON_MAX_ATTEMPTS tries, and stores the rest', async () => {
    const { clearance, deadLetters, options } = await freshTopics({ poisonMaxAttempts: 2, backoff: { initialMs: 10, maxMs: 20 } });
    const [before, poison, after] = ['OFFICE-01', 'OFFICE-POISON', 'OFFICE-02'].map((officeId, i) => anEvent.goodsArrived(`DEC-P-${i}`, { officeId }));
    await produce(producer, clearance, [before!, poison!, after!].map((event) => cloudEventRecord(event, 0)));
    // What PostgreSQL answers to a value it cannot parse: an error of the content, not of the infrastructure.
    const contentError = Object.assign(new Error('invalid input syntax for type json'), { code: '22P02' });
    const sqlite = SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) });
    const store = await startIngest(options, new FaultyEventStore(sqlite, { failOn: (event) => (event.data['officeId'] === 'OFFICE-POISON' ? contentError : undefined) }));

    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    const [letter] = await readRecords(kafka, deadLetters, 1);
    expect([...(await endOffsets(admin, deadLetters)).values()].reduce((sum, end) => sum + end, 0)).toBe(1);
    expect(JSON.parse(letter!.value!.toString())).toEqual(poison);
    expect(JSON.parse(letter!.headers!['x-dead-letter-reasons']!.toString())).toEqual([
      { path: '', message: 'could not be stored (2 attempts): Error: invalid input syntax for type json' },
    ]);
    expect(eventKeys(await storedEvents(store))).toEqual(keysOf([before!, after!]));
  });

  it('waits out infrastructure failures (serialization failure, lock timeout) however many, and dead-letters no valid record', async () => {
    const { clearance, deadLetters, options } = await freshTopics({ poisonMaxAttempts: 1, backoff: { initialMs: 10, maxMs: 20 } });
    const events = Array.from({ length: 6 }, (_, i) => anEvent.goodsArrived(`DEC-I-${i}`));
    await produce(producer, clearance, events.map((event) => cloudEventRecord(event, 0)));
    const serialization = Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    const lockTimeout = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    // The first four appends fail so, as PostgreSQL reports them when the adapter passes them on unwrapped.
    const outage = [serialization, lockTimeout, serialization, lockTimeout];
    const sqlite = SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) });
    const store: FaultyEventStore = new FaultyEventStore(sqlite, { failOn: () => outage[store.appendCalls.length - 1] });
    await startIngest(options, store);

    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    expect(store.appendCalls.length).toBeGreaterThanOrEqual(5);
    expect(eventKeys(await storedEvents(store))).toEqual(keysOf(events));
    expect([...(await endOffsets(admin, deadLetters)).values()]).toEqual([0, 0, 0]);
  });

  it('stores nothing new when the same events come again, and still moves the offsets on', async () => {
    const { clearance, enforcement, options } = await freshTopics();
    const { clearance: clearanceEvents, enforcement: enforcementEvents } = validEvents();
    const sendAll = async () => {
      await produce(producer, clearance, clearanceEvents.map((event) => cloudEventRecord(event)));
      await produce(producer, enforcement, enforcementEvents.map((event) => cloudEventRecord(event)));
    };
    await sendAll();
    const store = await startIngest(options);
    await waitUntil('the first 200 are committed', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);
    const head = await store.head();
    const committedBefore = await committedOffsets(admin, options.groupId!, clearance);

    await sendAll();
    await waitUntil('the repeated 200 are committed', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

    expect(await store.head()).toEqual(head);
    expect(head.position).toBe(200);
    expect(await tallyOf(apps.at(-1)!)).toEqual({ rejected: { total: 0, byReason: [] }, duplicates: 200 });
    const committedAfter = await committedOffsets(admin, options.groupId!, clearance);
    for (const [partition, offset] of committedBefore) expect(committedAfter.get(partition)).toBe(offset + 50);
  });

  it('on shutdown, finishes and commits the batch in flight: what is committed is exactly what is stored', async () => {
    const { clearance, options } = await freshTopics({ maxEventsPerAppend: 25 });
    const events = Array.from({ length: 3_000 }, (_, i) => anEvent.dutiesPaid(`DEC-${i % 100}`, { amount: i }));
    const produced = await produce(producer, clearance, events.map((event) => cloudEventRecord(event)));
    // Slow appends, so that the shutdown comes while the records are still being consumed.
    const store = new FaultyEventStore(SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) }), { delayMs: 10 });
    stores.push(store);
    const app = await startKafkaIngestApp(store, options);

    await waitUntil('some batches are stored', async () => (await store.head()).position >= 300, 30_000);
    await app.close();

    const stored = eventKeys(await storedEvents(store));
    const committed = await committedOffsets(admin, options.groupId!, clearance);
    const acknowledged = produced.filter(({ partition, offset }) => offset < (committed.get(partition) ?? -1));
    expect(stored.size).toBeLessThan(events.length);
    expect(stored).toEqual(keysOf(acknowledged.map(eventOf)));
  });

  it('is ready (GET /health/ready) while it is a member of its consumer group, and not once it has left it', async () => {
    const { options } = await freshTopics();
    await startIngest(options);
    const app = apps.at(-1)!;
    const transport = app.get(KafkaIngestTransport);

    await waitUntil('the worker reports ready', () => transport.check().ready, 30_000);
    const [group] = (await admin.describeGroups([options.groupId!])).groups;
    expect(group!.members).toHaveLength(1);

    apps.splice(apps.indexOf(app), 1);
    await app.close();
    expect(transport.check()).toEqual({ ready: false });
  });

  it('loses nothing and stores nothing twice when a second worker joins mid-stream and the partitions are rebalanced', async () => {
    const { clearance, options } = await freshTopics({ maxEventsPerAppend: 50, backoff: { initialMs: 50, maxMs: 400 } });
    const events = Array.from({ length: 3_000 }, (_, i) => anEvent.dutiesPaid(`DEC-${i % 100}`, { amount: i }));
    await produce(producer, clearance, events.map((event) => cloudEventRecord(event)));
    const shared = SqliteEventStore.open({ file: join(folder, `${uniqueName('store')}.db`) });
    stores.push(shared);
    // One store seen through two wrappers, to tell which worker appended. Once 300 are stored, the first worker's
    // appends fail as in an outage until the second has appended: it waits them out as it would a real one, and its
    // heartbeats meanwhile let the group rebalance and hand the second some partitions. Without that, a quick first
    // worker took every record before a slow machine had started the second (CI, Node 24, twice), even when it was
    // only held until the rebalance began: it went on through its fetched batch before its next heartbeat.
    const second = new FaultyEventStore(shared, { delayAfterMs: 20 });
    const first = new FaultyEventStore(shared, {
      delayAfterMs: 20,
      holdBefore: async () => {
        if (second.appendCalls.length === 0 && (await shared.head()).position >= 300) {
          throw new EventStoreUnavailableError('held as unreachable until the second worker has appended');
        }
      },
    });
    apps.push(await startKafkaIngestApp(first, options));
    await waitUntil('the first worker stored some events', async () => (await shared.head()).position >= 300, 30_000);

    apps.push(await startKafkaIngestApp(second, options));
    await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 60_000);

    expect(second.appendCalls.length).toBeGreaterThan(0);
    const stored = await storedEvents(shared);
    expect(stored).toHaveLength(events.length);
    expect(eventKeys(stored)).toEqual(keysOf(events));
  });

  describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, withPostgres, 'on PostgreSQL', () => {
    it('backs off while the store is unavailable, commits nothing until the append succeeds, then stores everything', async () => {
      // One partition at a time, so that consecutive append attempts are one consumer's backoff schedule.
      const { clearance, enforcement, options } = await freshTopics({ backoff: { initialMs: 50, maxMs: 400 }, partitionsConsumedConcurrently: 1 });
      const { clearance: clearanceEvents, enforcement: enforcementEvents } = validEvents();
      await produce(producer, clearance, clearanceEvents.map((event) => cloudEventRecord(event)));
      await produce(producer, enforcement, enforcementEvents.map((event) => cloudEventRecord(event)));
      const schema = uniqueSchemaName('kafka_ingest');
      schemas.push(schema);
      const committedDuringOutage: number[] = [];
      // An outage by a wrapper rather than by killing PostgreSQL connections (pg_terminate_backend): that races the
      // append and cannot say how many attempts fail. This one fails exactly the first six, the way the adapter
      // reports an unreachable database, and looks at the group's commits each time.
      const store = new FaultyEventStore(await PostgresEventStore.open({ connectionString: postgresUrl, schema }), {
        failFirst: 6,
        onFailure: async () => {
          for (const topic of options.topics!) {
            for (const offset of (await committedOffsets(admin, options.groupId!, topic)).values()) committedDuringOutage.push(offset);
          }
        },
      });
      await startIngest(options, store);

      await waitUntil('the group committed every record', () => groupCaughtUp(admin, options.groupId!, options.topics!), 30_000);

      expect(committedDuringOutage.length).toBeGreaterThan(0);
      expect(committedDuringOutage.every((offset) => offset === -1)).toBe(true);
      const gaps = store.appendCalls.slice(1, 7).map((at, i) => at - store.appendCalls[i]!);
      [50, 100, 200, 400, 400, 400].forEach((backoff, i) => expect(gaps[i]).toBeGreaterThanOrEqual(backoff - 5));
      const stored = await storedEvents(store);
      expect(stored).toHaveLength(200);
      expect(eventKeys(stored)).toEqual(keysOf([...clearanceEvents, ...enforcementEvents]));
    });
  });
});

function eventOf(record: ProducedRecord): RawCloudEvent {
  return JSON.parse(String(record.value)) as RawCloudEvent;
}
