/**
 * Issue 15, fault suite (b): PostgreSQL restarts during Kafka ingest and during projection (architecture.md,
 * guarantees 1, 3 and 8). The ingest worker and the projector run as deployed, each `apps/<app>/src/main.ts` in a
 * process of its own, against a throwaway PostgreSQL cluster of this file's own (never the machine's shared one) and
 * the shared Kafka broker. Each round produces simulated traffic, stops the cluster (fast shutdown, immediate stop or
 * SIGKILL of all its processes) while ingest or projection is under way, produces more while it is down, and starts
 * it again; the time each process takes to recover is measured.
 *
 * `beforeAll` is the scenario; each test checks one outcome of that one run.
 *
 * Env: FAULT_PG_EVENTS_PER_ROUND (default 1500), FAULT_SEED (default: drawn, and printed).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import {
  type AppProcess,
  AppProcesses,
  type TestBroker,
  type ThrowawayPostgres,
  acquireTestBroker,
  kafkaAvailable,
  throwawayPostgres,
  throwawayPostgresMissing,
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

const SECRET = 'postgres-restarts-fault-secret-of-32-bytes';
const EVENTS_PER_ROUND = faultCount('FAULT_PG_EVENTS_PER_ROUND', 1_500);
const missingPostgres = await throwawayPostgresMissing();
const infrastructure = missingPostgres === null && (await kafkaAvailable());

/** How a round takes the cluster down. */
type Outage = 'fast' | 'immediate' | 'SIGKILL';
/** What is under way when it does. */
type During = 'ingest' | 'projection';

const ROUNDS: readonly { readonly outage: Outage; readonly during: During }[] = [
  { outage: 'fast', during: 'ingest' },
  { outage: 'immediate', during: 'projection' },
  { outage: 'SIGKILL', during: 'ingest' },
  { outage: 'fast', during: 'projection' },
];

/** Each step of a round waits on its condition this long at most. */
const STEP_TIMEOUT_MS = 90_000;

/** A parsed response body: the tests assert its fields one by one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

describeWithInfrastructure(
  `a throwaway PostgreSQL cluster (${missingPostgres ?? 'there'}) and a Kafka broker`,
  infrastructure,
  'PostgreSQL restarts under Kafka ingest and projection',
  () => {
    const seed = faultSeed('postgres-restarts');
    const apps = new AppProcesses();
    const schemas = { events: 'fault_events', kpi: 'fault_kpi' };
    const topics = { clearance: uniqueName('clearance'), enforcement: uniqueName('enforcement'), deadLetter: uniqueName('deadletter'), kpiUpdates: uniqueName('kpi-updates') };
    const producerTopics = [topics.clearance, topics.enforcement];
    const groupId = uniqueName('ingest');
    let cluster: ThrowawayPostgres | undefined;
    let broker: TestBroker | undefined;
    let kafka: Kafka;
    let admin: Admin | undefined;
    let sink: KafkaEventSink | undefined;
    let db: pg.Pool | undefined;
    let stored: StoredProducerEvents;
    let ingest: AppProcess;
    let projector: AppProcess;
    let operator = '';
    let traffic: FaultTraffic;
    const figures: RecoveryFigure[] = [];
    const rounds: {
      outage: Outage;
      during: During;
      /** Producer events stored before the round, when the cluster went down, and once the wave before the outage is. */
      storedBefore: number;
      storedAtStop: number;
      waveStored: number;
      /** The log's head before the round and when the cluster went down, and the projector's position then. */
      headBefore: number;
      headAtStop: number;
      projectedAtStop: number;
      unready: Record<string, boolean>;
    }[] = [];

    /** The position the projector's queries answer at: what it has applied. */
    async function projected(): Promise<number> {
      return (await get(projector, '/api/kpis/current')).position;
    }

    async function get(app: AppProcess, path: string, token = operator): Promise<Payload> {
      const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${app.name} answered GET ${path} with ${response.status}: ${await response.text()}`);
      return response.json();
    }

    async function takeDown(outage: Outage): Promise<void> {
      if (outage === 'SIGKILL') await cluster!.kill();
      else await cluster!.stop(outage);
    }

    beforeAll(() => apps.explainFailure(async () => {
      process.stderr.write(`postgres-restarts.fault-spec: seed ${seed}, ${EVENTS_PER_ROUND} events per round, ${ROUNDS.length} rounds\n`);
      traffic = faultTraffic(seed, EVENTS_PER_ROUND * ROUNDS.length);
      cluster = await throwawayPostgres();
      broker = await acquireTestBroker();
      kafka = testKafka(broker.bootstrap);
      admin = kafka.admin();
      await admin.connect();
      await createTopics(admin, [...producerTopics, topics.deadLetter], { partitions: 3 });
      operator = await issueAccessToken(new TextEncoder().encode(SECRET), ['operator']);
      ({ ingest, projector } = await startIngestAndProjector(apps, { databaseUrl: cluster.url, schemas, bootstrap: broker.bootstrap, groupId, topics, jwtSecret: SECRET }));
      db = new pg.Pool({ connectionString: cluster.url, max: 2 });
      // A pooled connection the restart cuts emits 'error'; the next query reports the outage, or reconnects.
      db.on('error', () => undefined);
      stored = new StoredProducerEvents(db, schemas.events);
      sink = await KafkaEventSink.connect({ brokers: [broker.bootstrap], clearanceTopic: topics.clearance, enforcementTopic: topics.enforcement });

      for (const [index, { outage, during }] of ROUNDS.entries()) {
        const roundStart = index * EVENTS_PER_ROUND;
        const roundEnd = roundStart + EVENTS_PER_ROUND;
        // Two thirds before the outage, the rest while the cluster is down: ingest has work on both sides of it.
        const beforeOutage = roundStart + Math.floor((EVENTS_PER_ROUND * 2) / 3);
        const storedBefore = await stored.count();
        const headBefore = await stored.head();
        const watches = [new ReadinessWatch(ingest), new ReadinessWatch(projector)];
        // Stopped however the round ends: a watch left probing would keep Jest from exiting after a failure.
        try {
          await produceEvents(sink!, traffic.events, roundStart, beforeOutage);
          // The stop comes in the middle: some of the wave done, not all of it.
          let storedAtStop = 0;
          let projectedAtStop = 0;
          let headAtStop = 0;
          const waveStored = validIn(traffic.events, beforeOutage);
          await waitUntil(
            () =>
              during === 'ingest'
                ? `round ${index + 1}: ingest has stored some, not all, of the round's events (stored ${storedAtStop}, ${storedBefore} before the round, ${waveStored} with the whole wave)`
                : `round ${index + 1}: the projector has applied some, not all, of the round's events (at ${projectedAtStop}, ${headBefore} before the round, the head at ${headAtStop})`,
            // An ingest round asks only the count: a poll that also waited for the projector's answer, slow while it
            // applies the wave, could span the whole wave's ingest and never see it part done.
            async () => {
              if (during === 'ingest') {
                storedAtStop = await stored.count();
                return storedAtStop > storedBefore && storedAtStop < waveStored;
              }
              [projectedAtStop, headAtStop] = [await projected(), await stored.head()];
              return projectedAtStop > headBefore && projectedAtStop < headAtStop;
            },
            STEP_TIMEOUT_MS,
          );
          const down = Date.now();
          await takeDown(outage);

          await waitUntil(
            `round ${index + 1}: both processes say they are not ready while PostgreSQL is down`,
            () => watches.every((watch) => watch.wentUnreadySince(down)),
            STEP_TIMEOUT_MS,
          );
          await produceEvents(sink!, traffic.events, beforeOutage, roundEnd);
          await cluster.start();
          const back = Date.now();

          // Ingest resumed: the first append after the first count the cluster answered once back.
          let storedWhenBack: number | undefined;
          let ingestResumed: number | undefined;
          const expected = validIn(traffic.events, roundEnd);
          await waitUntil(
            `round ${index + 1}: every valid event produced so far is stored (${expected})`,
            async () => {
              const count = await stored.count().catch(() => undefined);
              if (count === undefined) return false;
              storedWhenBack ??= count;
              if (ingestResumed === undefined && count > storedWhenBack) ingestResumed = Date.now();
              return count >= expected && (await groupCaughtUp(admin!, groupId, producerTopics));
            },
            STEP_TIMEOUT_MS,
          );
          const ingestCaughtUp = Date.now();
          await waitUntil(`round ${index + 1}: the projector has applied the whole log`, async () => (await projected()) === (await stored.head()), STEP_TIMEOUT_MS);
          const projectionCaughtUp = Date.now();
          await waitUntil(`round ${index + 1}: both processes are ready again`, () => watches.every((watch) => watch.readyAgainAt(back) !== undefined), STEP_TIMEOUT_MS);

          rounds.push({
            outage,
            during,
            storedAtStop,
            projectedAtStop,
            headBefore,
            headAtStop,
            storedBefore,
            waveStored,
            unready: Object.fromEntries(watches.map((watch) => [watch.app.name, watch.wentUnreadySince(down)])),
          });
          figures.push({
            fault: `${outage === 'SIGKILL' ? 'SIGKILL of every server process' : `pg_ctl stop -m ${outage}`}, during ${during}`,
            outageMs: back - down,
            steps: {
              'ingest resumed': (ingestResumed ?? ingestCaughtUp) - back,
              'ingest caught up': ingestCaughtUp - back,
              'projection caught up': projectionCaughtUp - back,
              'ingest ready': watches[0]!.readyAgainAt(back)! - back,
              'projector ready': watches[1]!.readyAgainAt(back)! - back,
            },
          });
        } finally {
          await Promise.all(watches.map((watch) => watch.stop()));
        }
      }
      printRecoveryFigures('PostgreSQL restarts (time from the cluster back to each step)', figures);
    }), 600_000);

    afterAll(async () => {
      await sink?.close();
      await apps.stopAll();
      await db?.end();
      await admin?.disconnect();
      await broker?.release();
      await cluster?.remove();
    }, 120_000);

    it('took PostgreSQL down while ingest, or projection, was under way', () => {
      expect(rounds.map(({ outage, during }) => `${outage} ${during}`)).toEqual(ROUNDS.map(({ outage, during }) => `${outage} ${during}`));
      for (const round of rounds) {
        if (round.during === 'ingest') {
          expect(round.storedAtStop).toBeGreaterThan(round.storedBefore);
          expect(round.storedAtStop).toBeLessThan(round.waveStored);
        } else {
          expect(round.projectedAtStop).toBeGreaterThan(round.headBefore);
          expect(round.projectedAtStop).toBeLessThan(round.headAtStop);
        }
      }
    });

    it('kept both processes running, made each say it was not ready during every outage, and ready after', () => apps.explainFailure(async () => {
      expect([ingest.running, projector.running]).toEqual([true, true]);
      for (const { unready } of rounds) expect(unready).toEqual({ ingest: true, projector: true });
      expect(figures.every(({ steps }) => steps['ingest ready']! >= 0 && steps['projector ready']! >= 0)).toBe(true);
    }));

    it('stores every valid event exactly once, and dead-letters only the refused ones, none for an outage', () => apps.explainFailure(async () => {
      const keys = await stored.keys();
      expect(keys).toHaveLength(traffic.valid.size);
      expect(new Set(keys)).toEqual(traffic.valid);

      expect(await deadLetteredKeys(kafka, admin!, topics.deadLetter)).toEqual(traffic.refused);
    }));

    it('projects the same KPIs as a clean rebuild from position 0', () => apps.explainFailure(async () => {
      const admin = await issueAccessToken(new TextEncoder().encode(SECRET), ['admin']);
      await waitUntil('the projector has applied the whole log', async () => (await projected()) === (await stored.head()), STEP_TIMEOUT_MS);
      const catalogue: { id: string }[] = await get(projector, '/api/kpis');
      const queries = ['/api/kpis/current', ...catalogue.map(({ id }) => `/api/kpis/${id}/series?granularity=day`)];
      const live = await Promise.all(queries.map((query) => get(projector, query)));
      const rebuild = await fetch(`${projector.url}/api/kpis/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
      expect(rebuild.status).toBe(200);
      const rebuilt = await Promise.all(queries.map((query) => get(projector, query)));
      expect(live[0].values.some(({ n }: { n: number }) => n > 0)).toBe(true);
      expect(rebuilt).toEqual(live);
    }));
  },
);
