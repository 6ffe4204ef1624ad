/**
 * Issue 15, item 8 (a): SIGKILL under Kafka traffic. The distributed deployment as it is deployed (two ingest workers
 * in one consumer group, the projector and a gateway, each `apps/<app>/src/main.ts` in a process of its own, on one
 * real PostgreSQL and the real Kafka broker) takes simulated traffic with its imperfections and three incidents,
 * while the projector, an ingest worker and the gateway are each SIGKILLed `FAULT_CRASH_ROUNDS` times (default 10, CI's
 * value) at moments drawn from `FAULT_SEED` (printed at the start, and in the suite's title), and restarted at once.
 *
 * `beforeAll` is the scenario; each test checks one promise of architecture.md (guarantees 1, 3, 4, 8 and 9) on the
 * state it left.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DEFAULT_ALERT_RULE_SETTINGS, isBeyond } from '@customs-pulse/alerts';
import { issueAccessToken } from '@customs-pulse/auth';
import { isProducerEventType, type KpiDirection, TRANSPORT_MODES } from '@customs-pulse/domain';
import type { RecordedEvent } from '@customs-pulse/event-store';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { type CloudEventJson, parseIncidentPlan, runSimulation, TrafficSimulation } from '@customs-pulse/simulation';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import {
  type AppProcess,
  AppProcesses,
  SeededRandom,
  type TestBroker,
  acquireTestBroker,
  dropSchemas,
  faultCount,
  faultSeed,
  kafkaAvailable,
  postgresAvailable,
  postgresUrl,
  waitUntil,
} from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { createTopics, eventKeys, groupCaughtUp, storedEvents, testKafka } from '@customs-pulse/testing/kafka';
import type { Admin } from 'kafkajs';

import { deploymentEnvironment, uniqueDeploymentNames } from '../distributed/deployment-environment.js';
import { HoldingSink } from '../distributed/holding-sink.js';
import { describeGroup, settledWith } from '../distributed/ingest-group.js';
import type { KpiValue } from '../distributed/live-kpi-view.js';
import { firstPlannedEvents, type PlannedTraffic, trafficWithEveryImperfection } from '../distributed/planned-traffic.js';
import { crashRepeatedly, p50AndMax, type Recovery } from './crash-loop.js';
import { eventRuleAlertsOfCleanRun, raisedEventRuleAlerts } from './event-rule-alerts.js';
import { keyOf } from './fault-traffic.js';
import { sliceKey, thresholdAlertHistory } from './threshold-alert-history.js';
import { UnabortedSink } from './unaborted-sink.js';

const SECRET = 'crash-fault-suite-secret-of-at-least-32-bytes';
const ROUNDS = faultCount('FAULT_CRASH_ROUNDS', 10);
const SEED = faultSeed();
const infrastructure = (await postgresAvailable()) && (await kafkaAvailable());

/**
 * A history of most of a day (inside the 24 hours `current` covers, so an hour passing changes no value), then live
 * traffic until the kills are over. The incidents make both kinds of alert: a seizure spike and lane downgrades raise
 * event-rule alerts, the downgrades and the slowdown threshold alerts (and a history stored a day late makes
 * `ingest_lag_p95` critical).
 */
const TRAFFIC = {
  days: 0.9,
  historyRate: 0.01,
  rate: 4,
  incidents: ['seizure-spike@5', 'lane-downgrades@10', 'office-slowdown@15'].map(parseIncidentPlan),
};
/** Seconds of live traffic planned ahead, holding the incidents and the imperfections: the run lasts longer. */
const PLANNED_LIVE_SECONDS = 30;
/** Bounds of the pause before each kill, in milliseconds. */
const PAUSE_MS = [500, 5_000] as const;
/** How long every app has to be ready again after its restart. */
const READY_TIMEOUT_MS = 120_000;
/**
 * How long the log, and what the apps applied of it, must stand still before the end state is read: the judge appends
 * its alert events just after the projector has applied the batch they judge, and nothing outside it says when it is done.
 */
const QUIET_MS = 1_500;

/** A parsed response body: the tests assert its fields one by one, which is the type check here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;
type Kind = 'projector' | 'ingest' | 'gateway';

describeWithInfrastructure('PostgreSQL and a Kafka broker', infrastructure, `SIGKILL under Kafka traffic (FAULT_SEED=${SEED}, FAULT_CRASH_ROUNDS=${ROUNDS})`, () => {
  const apps = new AppProcesses();
  const names = uniqueDeploymentNames('crash');
  const { schemas, topics, groupId } = names;
  const producerTopics = [topics.clearance, topics.enforcement];
  let broker: TestBroker | undefined;
  let admin: Admin | undefined;
  let store: PostgresEventStore | undefined;
  const tokens = { operator: '', risk: '', admin: '' };
  let projector: AppProcess;
  let gateway: AppProcess;
  let ingest: AppProcess[] = [];
  const stopKills = new AbortController();
  const stopTraffic = new AbortController();
  let sink: HoldingSink | undefined;
  let run: Promise<unknown> | undefined;

  // What the scenario left, for the tests to check.
  let traffic: PlannedTraffic;
  let sent: readonly CloudEventJson[] = [];
  const recoveries = new Map<Kind, Recovery[]>();
  let log: RecordedEvent[] = [];

  async function get(app: AppProcess, path: string, token = tokens.operator): Promise<Payload> {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${app.name} answered GET ${path} with ${response.status}: ${await response.text()}`);
    return response.json();
  }

  /** The log position the app's KPI projection answers from. */
  async function appliedPosition(app: AppProcess): Promise<number> {
    return (await get(app, '/api/kpis/backlog/current')).position;
  }

  async function head(): Promise<number> {
    return (await store!.head()).position;
  }

  beforeAll(() => apps.explainFailure(async () => {
    process.stdout.write(`\nSIGKILL fault suite: FAULT_SEED=${SEED} FAULT_CRASH_ROUNDS=${ROUNDS} (set them to replay this run)\n\n`);
    broker = await acquireTestBroker();
    admin = testKafka(broker.bootstrap).admin();
    await admin.connect();
    await createTopics(admin, [...producerTopics, topics.deadLetter], { partitions: 3 });
    const key = new TextEncoder().encode(SECRET);
    for (const role of ['operator', 'risk', 'admin'] as const) tokens[role] = await issueAccessToken(key, [role]);

    // The least the config takes: a killed worker's partitions wait 6 s for the group to notice.
    const env = deploymentEnvironment(names, broker.bootstrap, SECRET, 6_000);
    const start = (name: string, app: string): Promise<AppProcess> => apps.start({ name, main: `apps/${app}/src/main.ts`, env, readyTimeoutMs: READY_TIMEOUT_MS });
    [projector, gateway, ...ingest] = await Promise.all([start('projector', 'projector'), start('gateway', 'gateway'), start('ingest-1', 'ingest'), start('ingest-2', 'ingest')]);
    store = await PostgresEventStore.open({ connectionString: postgresUrl, schema: schemas.events });
    await waitUntil('both ingest workers hold partitions of their group', async () => settledWith(await describeGroup(admin!, groupId), 2), 120_000);

    // The kills start with the live traffic, after the history; the run goes on until they are over.
    traffic = trafficWithEveryImperfection({ start: Date.now(), ...TRAFFIC }, PLANNED_LIVE_SECONDS);
    const kafkaSink = await KafkaEventSink.connect({ brokers: [broker.bootstrap], clearanceTopic: topics.clearance, enforcementTopic: topics.enforcement });
    const held = new HoldingSink(new UnabortedSink(kafkaSink), traffic.history);
    sink = held;
    run = runSimulation({ traffic: new TrafficSimulation(traffic.options), sink: held, signal: stopTraffic.signal }).finally(() => held.close());
    await Promise.race([held.held, run]);

    const random = new SeededRandom(SEED);
    const loop = (kind: Kind, targets: AppProcess[], recovered?: (app: AppProcess) => Promise<void>): Promise<void> =>
      crashRepeatedly({ targets, rounds: ROUNDS, random: new SeededRandom(random.between(0, 2 ** 32 - 1)), pauseMs: PAUSE_MS, recovered, signal: stopKills.signal }).then(
        (measured) => void recoveries.set(kind, measured),
        (error: unknown) => {
          stopKills.abort();
          throw error;
        },
      );
    // Recovered once it has applied the log as it stood when the restarted projector became ready.
    const caughtUp = async (app: AppProcess): Promise<void> => {
      const target = await head();
      await waitUntil(`${app.name} has applied the log up to ${target}`, async () => (await appliedPosition(app)) >= target, READY_TIMEOUT_MS);
    };
    const kills = Promise.all([loop('projector', [projector], caughtUp), loop('ingest', ingest), loop('gateway', [gateway])]);
    held.release();
    await kills;

    // After a restart the judge judges what it missed with the next batch: traffic goes on until the projector has
    // applied an event stored after its last recovery.
    const last = await head();
    await waitUntil('the projector applies traffic stored after the last kill', async () => (await appliedPosition(projector)) > last, 60_000);
    stopTraffic.abort();
    await run;
    sent = held.sent;

    await waitUntil('the ingest group has committed every record', () => groupCaughtUp(admin!, groupId, producerTopics), 120_000);
    let seen = '';
    let since = 0;
    await waitUntil(
      `the log and what the projector and the gateway applied of it stand still for ${QUIET_MS} ms`,
      async () => {
        const positions = [await head(), await appliedPosition(projector), await appliedPosition(gateway)];
        const state = positions.join(' ');
        if (state !== seen) [seen, since] = [state, Date.now()];
        return positions.every((position) => position === positions[0]) && Date.now() - since >= QUIET_MS;
      },
      120_000,
    );
    log = await storedEvents(store);

    const summary = (['projector', 'ingest', 'gateway'] as const).map((kind) => {
      const measured = recoveries.get(kind)!;
      const ready = p50AndMax(measured.map(({ readyMs }) => readyMs));
      const recovered = p50AndMax(measured.map(({ recoveredMs }) => recoveredMs));
      const seconds = (ms: number): string => (ms / 1000).toFixed(1);
      return `  ${kind} (${measured.length} kills): ready again p50 ${seconds(ready.p50)} s, max ${seconds(ready.max)} s` +
        (kind === 'projector' ? `; caught up p50 ${seconds(recovered.p50)} s, max ${seconds(recovered.max)} s` : '');
    });
    process.stdout.write(`\nTime to recover after SIGKILL (FAULT_SEED=${SEED}), from the kill:\n${summary.join('\n')}\n\n`);
  }), 420_000);

  afterAll(async () => {
    stopKills.abort();
    stopTraffic.abort();
    sink?.release();
    await run?.catch(() => undefined);
    await apps.stopAll();
    await store?.close();
    await admin?.disconnect();
    await broker?.release();
    await dropSchemas([schemas.events, schemas.kpi, `${schemas.kpi}_g1`, `${schemas.kpi}_g2`]);
  }, 120_000);

  it(`killed the projector, an ingest worker and the gateway ${ROUNDS} times each, mid-traffic, and every process is ready again`, () => apps.explainFailure(async () => {
    for (const kind of ['projector', 'ingest', 'gateway'] as const) expect(recoveries.get(kind)).toHaveLength(ROUNDS);
    // The run sent its plan (incidents and imperfections included) and more: the kills came during live traffic.
    expect(sent.length).toBeGreaterThan(traffic.events.length);
    for (const app of [projector, gateway, ...ingest]) {
      const response = await fetch(`${app.url}/health/ready`);
      expect({ app: app.name, status: response.status }).toEqual({ app: app.name, status: 200 });
    }
  }));

  it('stores every valid event sent exactly once', () => {
    const produced = firstPlannedEvents(traffic.options, sent.length);
    expect(produced.map(({ event }) => event)).toEqual(sent);
    const originals = produced.filter(({ kind }) => kind === 'original');
    const stored = log.filter(({ type }) => isProducerEventType(type));
    expect(stored).toHaveLength(originals.length);
    expect(eventKeys(stored)).toEqual(new Set(originals.map(({ event }) => keyOf(event))));
    // The imperfections were there to be refused: duplicates, and records that are not valid events.
    expect(produced.filter(({ kind }) => kind !== 'original').length).toBeGreaterThan(0);
  });

  it('answers the KPIs of a clean rebuild of the same log, on the projector and on the gateway', () => apps.explainFailure(async () => {
    const slices: Record<string, string>[] = [{}, ...traffic.officeIds.map((office) => ({ office })), ...TRANSPORT_MODES.map((transportMode) => ({ transportMode }))];
    const valuesOf = async (app: AppProcess): Promise<Record<string, KpiValue[]>> => {
      const values: Record<string, KpiValue[]> = {};
      for (const filters of slices) values[JSON.stringify(filters)] = (await get(app, `/api/kpis/current?${new URLSearchParams(filters)}`)).values;
      return values;
    };
    const [live, followed] = [await valuesOf(projector), await valuesOf(gateway)];
    const response = await fetch(`${projector.url}/api/kpis/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(response.status).toBe(200);
    const rebuilt = await valuesOf(projector);
    expect(Object.values(rebuilt).flat().some(({ n }) => n > 0)).toBe(true);
    expect(live).toEqual(rebuilt);
    expect(followed).toEqual(rebuilt);
    // A rebuild is never judged: it appends nothing.
    expect(await head()).toBe(log.at(-1)!.position);
  }));

  it('raises the event-rule alerts of a clean run over the same log, each once', () => {
    const stored = log.filter(({ type }) => isProducerEventType(type));
    const expected = eventRuleAlertsOfCleanRun(stored, DEFAULT_ALERT_RULE_SETTINGS.seizureAlertValue);
    const raised = raisedEventRuleAlerts(log);
    const byId = <T extends { readonly id: string }>(alerts: readonly T[]): T[] => [...alerts].sort((a, b) => a.id.localeCompare(b.id));
    expect(new Set(expected.map(({ rule }) => rule))).toEqual(new Set(['red_to_green_reroute', 'significant_seizure']));
    expect(byId(raised)).toEqual(byId(expected));
  });

  it('never had two active alerts of one threshold slice, and ends with one open exactly where the last value is beyond warning', () => apps.explainFailure(async () => {
    const history = thresholdAlertHistory(log);
    expect(history.raised).toBeGreaterThan(0);
    expect(history.raisedOverActive).toEqual([]);

    const catalogue: { id: string; direction: KpiDirection; thresholds: { warning: number; critical: number } | null }[] = await get(gateway, '/api/kpis');
    const mismatches: string[] = [];
    let judged = 0;
    for (const filters of [{}, ...traffic.officeIds.map((office) => ({ office }))]) {
      const { values }: { values: KpiValue[] } = await get(gateway, `/api/kpis/current?${new URLSearchParams(filters)}`);
      for (const { kpiId, value, n } of values) {
        const thresholds = catalogue.find(({ id }) => id === kpiId)?.thresholds ?? null;
        // Too few observations neither raise nor resolve (ALERT_MIN_OBSERVATIONS): the alert may be either way.
        if (thresholds === null || n < DEFAULT_ALERT_RULE_SETTINGS.minObservations) continue;
        judged += 1;
        const { direction } = catalogue.find(({ id }) => id === kpiId)!;
        const active = history.active.get(sliceKey(kpiId, filters));
        const beyondWarning = value !== null && isBeyond(value, thresholds.warning, direction);
        const beyondCritical = value !== null && isBeyond(value, thresholds.critical, direction);
        const slice = `${kpiId} ${JSON.stringify(filters)} at ${value} (n ${n}, ${JSON.stringify(thresholds)})`;
        if (beyondWarning !== (active !== undefined)) mismatches.push(`${slice}: ${active === undefined ? 'no alert open' : `${active.id} open`}`);
        // Severity only goes up, so only a value beyond critical says what it must be.
        if (beyondCritical && active !== undefined && active.severity !== 'critical') mismatches.push(`${slice}: ${active.id} is ${active.severity}`);
      }
    }
    expect(judged).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  }));
});
