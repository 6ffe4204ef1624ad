import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { acquireTestBroker, anEvent, kafkaAvailable, type TestBroker, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import type { Admin, Producer } from 'kafkajs';
import {
  cloudEventRecord,
  committedOffsets,
  createTopics,
  eventKeys,
  groupCaughtUp,
  produce,
  storedEvents,
  testKafka,
  testProducer,
  uniqueName,
} from '@customs-pulse/testing/kafka';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const EVENTS = 5_000;

/** An ingest worker process (libs/testing/src/kafka/kafka-ingest-worker.ts); its output is kept for a failure's message. */
class Worker {
  readonly output: string[] = [];
  readonly exited: Promise<number | string | null>;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@customs-pulse/source', '--import', 'tsx', 'libs/testing/src/kafka/kafka-ingest-worker.ts'],
      { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  kill(signal: NodeJS.Signals): Promise<number | string | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

describeWithInfrastructure('a Kafka broker (Java 17+ for scripts/kafka.sh)', await kafkaAvailable(), 'Kafka ingest in a process that is killed', () => {
  let broker: TestBroker;
  let admin: Admin;
  let producer: Producer;
  let folder: string;
  const workers: Worker[] = [];

  beforeAll(async () => {
    broker = await acquireTestBroker();
    const kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    producer = testProducer(kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    folder = mkdtempSync(join(tmpdir(), 'kafka-ingest-crash-'));
  }, 300_000);

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill('SIGKILL');
  });

  afterAll(async () => {
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
    await broker?.release();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('loses nothing and stores nothing twice when a worker is SIGKILLed between storing a batch and committing it', async () => {
    const topic = uniqueName('clearance');
    const deadLetters = uniqueName('deadletter');
    await createTopics(admin, [topic, deadLetters]);
    const events = Array.from({ length: EVENTS }, (_, i) => anEvent.dutiesPaid(`DEC-${i % 200}`, { amount: i }));
    const produced = await produce(producer, topic, events.map((event) => cloudEventRecord(event)));
    const file = join(folder, 'events.db');
    // Opened (and migrated) before any worker, which then opens the same file: SQLite in WAL mode, one writer.
    const store = SqliteEventStore.open({ file, pollIntervalMs: 50 });
    const groupId = uniqueName('ingest');
    const env = {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_GROUP_ID: groupId,
      KAFKA_TOPICS: topic,
      KAFKA_TOPIC_DEADLETTER: deadLetters,
      EVENT_STORE_FILE: file,
      INGEST_MAX_EVENTS_PER_APPEND: '50',
    };
    const startWorker = (extraEnv: Record<string, string> = {}) => {
      const worker = new Worker({ ...env, ...extraEnv });
      workers.push(worker);
      return worker;
    };
    const failure = (worker: Worker) => `\n--- worker output ---\n${worker.output.join('')}`;

    try {
      // Each of its appends resolves 200 ms after it is stored, so that the kill below comes between storing a
      // batch and committing it: the next worker gets that batch again, and dedupe must absorb it.
      const first = startWorker({ APPEND_ACK_DELAY_MS: '200' });
      await waitUntil('the first worker stored some events', async () => (await store.head()).position >= 1_000, 60_000).catch((error: Error) => {
        throw new Error(error.message + failure(first));
      });
      expect(await first.kill('SIGKILL')).toBe('SIGKILL');

      const storedAtKill = await storedEvents(store);
      expect(storedAtKill.length).toBeLessThan(EVENTS);
      // Whatever the killed worker committed, it had stored.
      const committed = await committedOffsets(admin, groupId, topic);
      const acknowledged = produced.filter(({ partition, offset }) => offset < (committed.get(partition) ?? -1));
      const storedKeys = eventKeys(storedAtKill);
      expect(acknowledged.filter(({ value }) => !storedKeys.has(keyOf(String(value))))).toEqual([]);
      expect(storedAtKill.length).toBeGreaterThan(acknowledged.length);

      const second = startWorker();
      await waitUntil('the second worker stored the rest', async () => (await store.head()).position >= EVENTS, 60_000).catch((error: Error) => {
        throw new Error(error.message + failure(second));
      });
      await waitUntil('the group committed every record', () => groupCaughtUp(admin, groupId, [topic]), 30_000);
      expect(await second.kill('SIGTERM')).toBe(0);

      const stored = await storedEvents(store);
      expect(stored).toHaveLength(EVENTS);
      expect(eventKeys(stored)).toEqual(new Set(events.map((event) => `${String(event['source'])} ${String(event['id'])}`)));
    } finally {
      await store.close();
    }
  }, 120_000);
});

function keyOf(json: string): string {
  const { source, id } = JSON.parse(json) as { source: string; id: string };
  return `${source} ${id}`;
}
