/**
 * Issue 15, fault suite (c): a Kafka broker restart during ingest (architecture.md, guarantees 1 and 8). The ingest
 * worker and the projector run as deployed, each `apps/<app>/src/main.ts` in a process of its own, against the
 * shared PostgreSQL and a broker of this file's own (never the shared one other tests use). Each round produces
 * simulated traffic, stops the broker (gracefully, then with SIGKILL) while ingest is under way, starts it again
 * with its data, and produces the rest; the time ingest takes to recover is measured.
 *
 * `beforeAll` is the scenario; each test checks one outcome of that one run.
 *
 * Env: FAULT_KAFKA_EVENTS_PER_ROUND (default 1500), FAULT_SEED (default: drawn, and printed).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import {
  type AppProcess,
  AppProcesses,
  type OwnKafkaBroker,
  dropSchemas,
  kafkaAvailable,
  postgresAvailable,
  postgresUrl,
  startOwnKafkaBroker,
  uniqueSchemaName,
  faultCount,
  faultSeed,
  waitUntil,
} from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { createTopics, groupCaughtUp, testKafka, uniqueName } from '@customs-pulse/testing/kafka';
import type { Admin, Kafka } from 'kafkajs';
import pg from 'pg';
import { deadLetteredKeys, startIngestAndProjector } from './fault-apps.js';
import { type FaultTraffic, faultTraffic, produceEvents, validIn } from './fault-traffic.js';
import { ReadinessWatch } from './readiness-watch.js';
import { type RecoveryFigure, printRecoveryFigures } from './recovery-figures.js';
import { StoredProducerEvents } from './stored-producer-events.js';

const SECRET = 'kafka-broker-restart-fault-secret-of-32-bytes';
const EVENTS_PER_ROUND = faultCount('FAULT_KAFKA_EVENTS_PER_ROUND', 1_500);
// The broker is this file's own: KAFKA_BROKERS does not count, Java 17 (scripts/kafka.sh) must be there.
const infrastructure = (await postgresAvailable()) && (await kafkaAvailable());

/** How a round takes the broker down. */
type Outage = 'graceful' | 'SIGKILL';
const ROUNDS: readonly Outage[] = ['graceful', 'SIGKILL'];

/** Each step of a round waits on its condition this long at most. */
const STEP_TIMEOUT_MS = 120_000;

describeWithInfrastructure('PostgreSQL and Java 17 for a Kafka broker of its own', infrastructure, 'a Kafka broker restart under ingest', () => {
  const seed = faultSeed('kafka-broker-restart');
  const apps = new AppProcesses();
  const schemas = { events: uniqueSchemaName('fault_kafka_events'), kpi: uniqueSchemaName('fault_kafka_kpi') };
  const topics = { clearance: uniqueName('clearance'), enforcement: uniqueName('enforcement'), deadLetter: uniqueName('deadletter'), kpiUpdates: uniqueName('kpi-updates') };
  const producerTopics = [topics.clearance, topics.enforcement];
  const groupId = uniqueName('ingest');
  let broker: OwnKafkaBroker | undefined;
  let kafka: Kafka;
  let admin: Admin | undefined;
  let sink: KafkaEventSink | undefined;
  let db: pg.Pool | undefined;
  let stored: StoredProducerEvents;
  let ingest: AppProcess;
  let projector: AppProcess;
  let traffic: FaultTraffic;
  const figures: RecoveryFigure[] = [];
  const rounds: { outage: Outage; storedBefore: number; storedAtStop: number; waveStored: number; unready: Record<string, boolean> }[] = [];

  beforeAll(() => apps.explainFailure(async () => {
    process.stderr.write(`kafka-broker-restart.fault-spec: ${EVENTS_PER_ROUND} events per round, ${ROUNDS.length} rounds\n`);
    traffic = faultTraffic(seed, EVENTS_PER_ROUND * ROUNDS.length);
    broker = await startOwnKafkaBroker();
    kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [...producerTopics, topics.deadLetter], { partitions: 3 });
    ({ ingest, projector } = await startIngestAndProjector(apps, { databaseUrl: postgresUrl, schemas, bootstrap: broker.bootstrap, groupId, topics, jwtSecret: SECRET }));
    db = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    stored = new StoredProducerEvents(db, schemas.events);
    sink = await KafkaEventSink.connect({ brokers: [broker.bootstrap], clearanceTopic: topics.clearance, enforcementTopic: topics.enforcement });

    for (const [index, outage] of ROUNDS.entries()) {
      const roundStart = index * EVENTS_PER_ROUND;
      const roundEnd = roundStart + EVENTS_PER_ROUND;
      // Two thirds before the outage, the rest once the broker is back: ingest has work on both sides of it.
      const beforeOutage = roundStart + Math.floor((EVENTS_PER_ROUND * 2) / 3);
      const storedBefore = await stored.count();
      const waveStored = validIn(traffic.events, beforeOutage);
      const watches = [new ReadinessWatch(ingest), new ReadinessWatch(projector)];
      // Stopped however the round ends: a watch left probing would keep Jest from exiting after a failure.
      try {
        await produceEvents(sink!, traffic.events, roundStart, beforeOutage);
        let storedAtStop = 0;
        await waitUntil(
          () => `round ${index + 1}: ingest has stored some, not all, of the round's events (stored ${storedAtStop}, ${storedBefore} before the round, ${waveStored} with the whole wave)`,
          async () => {
            storedAtStop = await stored.count();
            return storedAtStop > storedBefore && storedAtStop < waveStored;
          },
          STEP_TIMEOUT_MS,
        );
        const down = Date.now();
        if (outage === 'SIGKILL') await broker.kill();
        else await broker.stop();
        // Ingest stores what it fetched before the outage; then it cannot consume, and must say so.
        await waitUntil(`round ${index + 1}: the ingest worker says it is not ready while the broker is down`, () => watches[0]!.wentUnreadySince(down), STEP_TIMEOUT_MS);
        const countDown = await stored.count();
        await broker.resume();
        const back = Date.now();

        await produceEvents(sink!, traffic.events, beforeOutage, roundEnd);
        let ingestResumed: number | undefined;
        const expected = validIn(traffic.events, roundEnd);
        await waitUntil(
          `round ${index + 1}: every valid event produced so far is stored (${expected}) and committed`,
          async () => {
            const count = await stored.count();
            if (ingestResumed === undefined && count > countDown) ingestResumed = Date.now();
            return count >= expected && (await groupCaughtUp(admin!, groupId, producerTopics));
          },
          STEP_TIMEOUT_MS,
        );
        const ingestCaughtUp = Date.now();
        await waitUntil(`round ${index + 1}: both processes are ready again`, () => watches.every((watch) => watch.readyAgainAt(back) !== undefined), STEP_TIMEOUT_MS);

        rounds.push({ outage, storedBefore, storedAtStop, waveStored, unready: Object.fromEntries(watches.map((watch) => [watch.app.name, watch.wentUnreadySince(down)])) });
        figures.push({
          fault: outage === 'SIGKILL' ? 'broker SIGKILLed, then started again' : 'broker stopped gracefully, then started again',
          outageMs: back - down,
          steps: {
            'ingest resumed': (ingestResumed ?? ingestCaughtUp) - back,
            'ingest caught up': ingestCaughtUp - back,
            'ingest ready': watches[0]!.readyAgainAt(back)! - back,
          },
        });
      } finally {
        await Promise.all(watches.map((watch) => watch.stop()));
      }
    }
    printRecoveryFigures('Kafka broker restarts (time from the broker back to each step)', figures);
  }), 600_000);

  afterAll(async () => {
    await sink?.close();
    await apps.stopAll();
    await db?.end();
    await admin?.disconnect();
    await broker?.remove();
    await dropSchemas([schemas.events, schemas.kpi, `${schemas.kpi}_g1`]);
  }, 120_000);

  it('took the broker down while ingest was under way, gracefully and with SIGKILL', () => {
    expect(rounds.map(({ outage }) => outage)).toEqual(ROUNDS);
    for (const round of rounds) {
      expect(round.storedAtStop).toBeGreaterThan(round.storedBefore);
      expect(round.storedAtStop).toBeLessThan(round.waveStored);
    }
  });

  it('kept both processes running, made the ingest worker say it was not ready during each outage, and both ready after', () => apps.explainFailure(async () => {
    expect([ingest.running, projector.running]).toEqual([true, true]);
    // The projector's work needs no broker: a KPI update it could not publish is logged, and the next one carries on.
    for (const { unready } of rounds) expect(unready['ingest']).toBe(true);
    expect(figures.map(({ steps }) => steps['ingest ready']! >= 0)).toEqual(ROUNDS.map(() => true));
  }));

  it('stores every valid event exactly once, and dead-letters only the refused ones, none for the outage', () => apps.explainFailure(async () => {
    const keys = await stored.keys();
    expect(keys).toHaveLength(traffic.valid.size);
    expect(new Set(keys)).toEqual(traffic.valid);

    expect(await deadLetteredKeys(kafka, admin!, topics.deadLetter)).toEqual(traffic.refused);
  }));
});
