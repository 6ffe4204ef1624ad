/**
 * The distributed deployment (architecture.md, issue 7) as it is deployed: two ingest workers in one Kafka consumer
 * group, the projector and two gateways, each `apps/<app>/src/main.ts` in a process of its own, configured by its
 * environment alone, sharing nothing but one real PostgreSQL (event store, KPI read model, ingest tally) and one
 * real Kafka broker (the producers' topics, dead letters, KPI updates). Simulated traffic goes to the producers'
 * topics, and one ingest worker is SIGKILLed in the middle of it.
 *
 * `beforeAll` is the scenario; each test checks one outcome of that one run.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { isProducerEventType } from '@customs-pulse/domain';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import { runSimulation, TrafficSimulation } from '@customs-pulse/simulation';
import {
  type AppProcess,
  AppProcesses,
  type TestBroker,
  acquireTestBroker,
  dropSchemas,
  kafkaAvailable,
  postgresAvailable,
  postgresUrl,
  waitUntil,
} from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import type { Admin, Kafka } from 'kafkajs';

import { createTopics, endOffsets, eventKeys, groupCaughtUp, readRecords, storedEvents, testKafka } from '@customs-pulse/testing/kafka';
import { deploymentEnvironment, uniqueDeploymentNames } from './deployment-environment.js';
import { HoldingSink } from './holding-sink.js';
import { type GroupState, committedRecords, describeGroup, settledWith } from './ingest-group.js';
import { type KpiValue, LiveKpiView } from './live-kpi-view.js';
import { type PlannedTraffic, trafficWithEveryImperfection } from './planned-traffic.js';
import { sliceKey, thresholdAlertHistory } from '../faults/threshold-alert-history.js';

const SECRET = 'distributed-e2e-secret-of-at-least-32-bytes';
const infrastructure = (await postgresAvailable()) && (await kafkaAvailable());

/**
 * A few hundred events: a history spread over most of a day, so that its size hardly depends on the time of day, yet
 * all of it inside the 24 hours `current` covers (an hour passing during the test changes no value), then 5 s of live
 * traffic.
 */
const TRAFFIC = { days: 0.9, historyRate: 0.005, rate: 50 };
const LIVE_SECONDS = 5;
/** Partitions of each producers' topic: six in all, so that each of two workers gets some of both topics' load. */
const PARTITIONS = 3;

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

describeWithInfrastructure('PostgreSQL and a Kafka broker', infrastructure, 'the distributed deployment, one process per app', () => {
  const apps = new AppProcesses();
  const names = uniqueDeploymentNames('dist');
  const { schemas, topics, groupId } = names;
  const producerTopics = [topics.clearance, topics.enforcement];
  let broker: TestBroker | undefined;
  let kafka: Kafka;
  let admin: Admin | undefined;
  let store: PostgresEventStore | undefined;
  let operator = '';
  let ingest: AppProcess[] = [];
  let projector: AppProcess;
  let gateways: AppProcess[] = [];
  const views: { readonly gateway: AppProcess; readonly filters: Record<string, string>; readonly view: LiveKpiView }[] = [];

  // What the scenario saw, for the tests to check.
  let traffic: PlannedTraffic;
  let sink: HoldingSink | undefined;
  let run: Promise<unknown> | undefined;
  let sentBeforeKill = 0;
  let groupBeforeKill: GroupState;
  let groupAfterKill: GroupState;

  async function get(app: AppProcess, path: string): Promise<Payload> {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${operator}` } });
    if (!response.ok) throw new Error(`${app.name} answered GET ${path} with ${response.status}: ${await response.text()}`);
    return response.json();
  }

  beforeAll(() => apps.explainFailure(async () => {
    broker = await acquireTestBroker();
    kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    await admin.connect();
    // Provisioned as in production: ingest never creates topics (a mistyped name would go unnoticed).
    await createTopics(admin, [...producerTopics, topics.deadLetter], { partitions: PARTITIONS });
    // The KPI updates topic is left to the projector and the gateways, which create it when it is missing.
    operator = await issueAccessToken(new TextEncoder().encode(SECRET), ['operator']);

    // A killed worker's partitions wait 10 s for the group to notice.
    const env = deploymentEnvironment(names, broker.bootstrap, SECRET, 10_000);
    const start = (name: string, app: string): Promise<AppProcess> => apps.start({ name, main: `apps/${app}/src/main.ts`, env });
    // All at once, which is harder than docker-compose.yml's order (gateways after a healthy projector): schema
    // migrations take an advisory lock, and a gateway follows whatever read model generation is active.
    const started = await Promise.all([
      start('projector', 'projector'),
      start('gateway-a', 'gateway'),
      start('gateway-b', 'gateway'),
      start('ingest-1', 'ingest'),
      start('ingest-2', 'ingest'),
    ]);
    [projector, gateways, ingest] = [started[0], started.slice(1, 3), started.slice(3)];
    store = await PostgresEventStore.open({ connectionString: postgresUrl, schema: schemas.events });

    traffic = trafficWithEveryImperfection({ start: Date.now(), ...TRAFFIC }, LIVE_SECONDS);
    // Dashboards on both gateways, subscribed before the first event: one to the whole administration, one to an office.
    for (const gateway of gateways) {
      const slices: Record<string, string>[] = [{}, { office: traffic.officeIds[0]! }];
      for (const filters of slices) views.push({ gateway, filters, view: await LiveKpiView.open(gateway.url, operator, filters) });
    }
    // Readiness says nothing of Kafka for ingest: the group must have settled, or one worker could take the whole
    // history before the other joins.
    await waitUntil('both ingest workers hold partitions of their group', async () => settledWith(await describeGroup(admin!, groupId), 2), 120_000);

    // The run holds after the history, until one worker is killed: live traffic comes after the kill.
    const held = new HoldingSink(await KafkaEventSink.connect({ brokers: [broker.bootstrap], clearanceTopic: topics.clearance, enforcementTopic: topics.enforcement }), traffic.history);
    sink = held;
    run = runSimulation({ traffic: new TrafficSimulation(traffic.options), sink: held, durationSeconds: LIVE_SECONDS }).finally(() => held.close());
    await Promise.race([held.held, run]);
    await waitUntil(
      'each ingest worker has committed records of its own partitions',
      async () => {
        groupBeforeKill = await describeGroup(admin!, groupId);
        const committed = await committedRecords(admin!, groupId, producerTopics);
        return settledWith(groupBeforeKill, 2) && groupBeforeKill.members.every(({ partitions }) => partitions.some((partition) => (committed.get(partition) ?? 0) > 0));
      },
      120_000,
    );
    sentBeforeKill = held.sent.length;
    await ingest[0]!.kill();
    held.release();
    await run;

    // The killed worker's session has to time out before the group gives its partitions away (KAFKA_SESSION_TIMEOUT_MS).
    await waitUntil(
      'the surviving worker holds every partition and has committed every record',
      async () => {
        groupAfterKill = await describeGroup(admin!, groupId);
        return settledWith(groupAfterKill, 1) && (await groupCaughtUp(admin!, groupId, producerTopics));
      },
      180_000,
    );
  }), 480_000);

  afterAll(async () => {
    // A scenario that failed at the hold leaves the run waiting there.
    sink?.release();
    await run?.catch(() => undefined);
    for (const { view } of views) view.close();
    await apps.stopAll();
    await store?.close();
    await admin?.disconnect();
    await broker?.release();
    await dropSchemas([schemas.events, schemas.kpi, `${schemas.kpi}_g1`]);
  }, 120_000);

  it('spreads the partitions over both ingest workers, and the survivor takes over those of the one SIGKILLed mid-traffic', () => apps.explainFailure(async () => {
    const everyPartition = producerTopics.flatMap((topic) => Array.from({ length: PARTITIONS }, (_, partition) => `${topic}:${partition}`)).sort();
    expect(groupBeforeKill.members).toHaveLength(2);
    expect(groupBeforeKill.members.flatMap(({ partitions }) => partitions).sort()).toEqual(everyPartition);
    expect(ingest[0]!.running).toBe(false);
    expect(ingest[1]!.running).toBe(true);
    expect(groupAfterKill.members).toEqual([expect.objectContaining({ partitions: everyPartition })]);
    // The kill came between the history and live traffic of one run, which then went on: the run sent its whole plan.
    expect(sentBeforeKill).toBe(traffic.history);
    expect(sink!.sent.length).toBeGreaterThan(sentBeforeKill);
    expect(sink!.sent).toEqual(traffic.events.map(({ event }) => event));
  }), 60_000);

  it('stores each valid event exactly once, and dead-letters the simulator\'s bad ones', () => apps.explainFailure(async () => {
    const keyOf = (event: { readonly [field: string]: unknown }): string => `${String(event['source'])} ${String(event['id'])}`;
    const originals = traffic.events.filter(({ kind }) => kind === 'original');
    const refused = traffic.events.filter(({ kind }) => kind === 'invalid' || kind === 'conflict');

    // Alert events are the apps' own; the producers' events are the ones sent.
    const stored = (await storedEvents(store!)).filter(({ type }) => isProducerEventType(type));
    expect(stored).toHaveLength(originals.length);
    expect(eventKeys(stored)).toEqual(new Set(originals.map(({ event }) => keyOf(event))));

    // A record dead-lettered by the killed worker but not committed is dead-lettered again by the survivor.
    const deadLetters = [...(await endOffsets(admin!, topics.deadLetter)).values()].reduce((sum, end) => sum + end, 0);
    expect(deadLetters).toBeGreaterThanOrEqual(refused.length);
    const deadLettered = await readRecords(kafka, topics.deadLetter, deadLetters);
    expect(new Set(deadLettered.map(({ value }) => keyOf(JSON.parse(String(value)))))).toEqual(new Set(refused.map(({ event }) => keyOf(event))));
    // Not `GET /api/quality`: its tally is no evidence (ingest-quality-tally.port.ts), and the counts the killed worker
    // held in memory, up to a second's worth, died with it.
  }), 60_000);

  it('gives socket.io clients on two gateways the KPI values the REST API of each gateway and of the projector returns', () => apps.explainFailure(async () => {
    // The projector appends the alert events it judges (gateways judge nothing), after the commit of the batch that
    // made them: a head every app has answered at can still move on. So the answers compared are one round of both
    // queries, read while the head stood still at every app's position.
    const answers = async (query: string): Promise<Payload[]> => Promise.all([projector, ...gateways].map((app) => get(app, `/api/kpis/current${query}`)));
    const queries = ['', `?office=${traffic.officeIds[0]}`];
    let settled: Payload[][] = [];
    await waitUntil(
      'the projector and both gateways answer both queries at a head that stood still meanwhile',
      async () => {
        const head = (await store!.head()).position;
        settled = await Promise.all(queries.map(answers));
        const still = (await store!.head()).position === head;
        return still && settled.every((round) => round.every(({ position }) => position === head));
      },
      120_000,
    );

    for (const [fromProjector, ...fromGateways] of settled) {
      expect(fromProjector.values.some(({ n }: KpiValue) => n > 0)).toBe(true);
      for (const answer of fromGateways) expect(answer).toEqual(fromProjector);
    }
    for (const { gateway, filters, view } of views) {
      const restOf = async (): Promise<KpiValue[]> => (await get(gateway, `/api/kpis/current?${new URLSearchParams(filters)}`)).values;
      // Pushes travel projector -> Kafka -> gateway -> socket.io: they may land after the REST answer is final.
      const what = `${gateway.name}'s client of ${JSON.stringify(filters)} shows what its REST API answers`;
      // On a time-out the expectation below says what differs, which a time-out alone would not.
      await waitUntil(what, async () => view.shows(await restOf()), 30_000).catch(() => undefined);
      expect(view.values()).toEqual(await restOf());
      expect(view.updates).toBeGreaterThan(0);
    }
  }), 300_000);

  it('answers an auditor asOf the same on the projector and on both gateways', () => apps.explainFailure(async () => {
    const auditor = await issueAccessToken(new TextEncoder().encode(SECRET), ['auditor']);
    const asOfEach = async (path: string): Promise<Payload[]> =>
      Promise.all(
        [projector, ...gateways].map(async (app) => {
          const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${auditor}` } });
          if (!response.ok) throw new Error(`${app.name} answered GET ${path} with ${response.status}: ${await response.text()}`);
          return response.json();
        }),
      );
    const at = new Date(Date.now() - 1_000).toISOString();
    const [fromProjector, ...fromGateways] = await asOfEach(`/api/kpis/current?asOf=${at}`);
    expect(fromProjector.values.some(({ n }: KpiValue) => n > 0)).toBe(true);
    for (const answer of fromGateways) expect(answer).toEqual(fromProjector);
  }), 60_000);

  it('has the projector alone judge alerts: no threshold slice raised twice, and both gateways list what the projector lists', () => apps.explainFailure(async () => {
    const risk = await issueAccessToken(new TextEncoder().encode(SECRET), ['risk']);
    const alertsOf = async (app: AppProcess): Promise<Payload> => {
      const response = await fetch(`${app.url}/api/alerts`, { headers: { authorization: `Bearer ${risk}` } });
      if (!response.ok) throw new Error(`${app.name} answered GET /api/alerts with ${response.status}`);
      return response.json();
    };
    const history = thresholdAlertHistory(await storedEvents(store!));
    // The history is stored days after it happened, which is what ingest_lag_p95 measures: its total is critical
    // once, and stays so for the run. Without an alert raised, the check below would pass on a judge that never ran.
    expect(history.raisedPerSlice.get(sliceKey('ingest_lag_p95', {}))).toBe(1);
    expect(history.raisedOverActive).toEqual([]);

    const fromProjector = await alertsOf(projector);
    for (const gateway of gateways) {
      await waitUntil(`${gateway.name} lists the projector's alerts`, async () => JSON.stringify(await alertsOf(gateway)) === JSON.stringify(fromProjector), 30_000).catch(() => undefined);
      expect(await alertsOf(gateway)).toEqual(fromProjector);
    }
  }), 60_000);
});
