import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { ValidationProblem } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { PacedClock, acquireTestBroker, anEvent, faultCount, faultSeed, kafkaAvailable, waitUntil, type TestBroker } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import {
  createTopics,
  endOffsets,
  groupCaughtUp,
  produce,
  readRecords,
  storedEvents,
  testKafka,
  testProducer,
  uniqueName,
  type ProducedRecord,
} from '@customs-pulse/testing/kafka';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { StandaloneModule } from '../../apps/standalone/src/standalone.module.js';
import { POISON_SOURCE } from './poison/event-fields.js';
import { type PlannedRecord, type PlannedRequest, planPoisonTraffic } from './poison/poison-traffic.js';
import { type Answer, answerProblems, deadLetterProblems } from './poison/rejection-checks.js';

// Issue 15, 8 (d), guarantee 5 of architecture.md: malformed input over HTTP and Kafka, interleaved with valid
// events, is refused with its reason and never costs a valid event, the app's health, or its next start.
const MALFORMED_INPUTS = faultCount('FAULT_MALFORMED_INPUTS', 10_000);
const SEED = faultSeed('poison-input.fault-spec');
// A pinned clock (Tashkent's working day), away from an hour's edge so the current KPI windows stay put for the run.
const clock = new PacedClock('2026-03-10T07:05:00.000Z');
const traffic = planPoisonTraffic({ seed: SEED, malformedInputs: MALFORMED_INPUTS, nowMs: clock.millis() });
const kafkaRecords = traffic.records.filter((record) => 'malformed' in record.input).length;
const httpMalformed = MALFORMED_INPUTS - kafkaRecords;

/** Figures of the run, printed at the end for bench/RESULTS.md. */
const figures: Record<string, string> = {};
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

describeWithInfrastructure('a Kafka broker (Java 17+ for scripts/kafka.sh)', await kafkaAvailable(), `poison input: ${MALFORMED_INPUTS} malformed inputs (FAULT_SEED=${SEED})`, () => {
  let broker: TestBroker;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let standalone: AppUnderTest;
  const topics = { clearance: uniqueName('poison-clearance'), enforcement: uniqueName('poison-enforcement'), deadLetters: uniqueName('poison-deadletter') };
  const groupId = uniqueName('poison-ingest');
  let answers: Answer[];
  let produced: (PlannedRecord & ProducedRecord)[];

  const store = (): EventStore => standalone.app.get(EVENT_STORE);
  const request = async (path: string, token: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${standalone.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ready = async (): Promise<boolean> => (await fetch(`${standalone.baseUrl}/health/ready`)).status === 200;
  const post = (body: Buffer | string): Promise<Answer> => request('/api/events', standalone.tokens.ingest, { method: 'POST', body });
  const poisonEventKeys = async (): Promise<string[]> =>
    (await storedEvents(store())).filter(({ source }) => source.startsWith(POISON_SOURCE)).map(({ source, id }) => `${source} ${id}`);

  /** Posts the planned requests, four in flight, in order of plan; answers by plan index. */
  async function sendRequests(requests: readonly PlannedRequest[]): Promise<Answer[]> {
    const received: Answer[] = new Array(requests.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < requests.length; index = next++) received[index] = await post(requests[index]!.body);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return received;
  }

  /** A normal event is accepted, and the KPI projection gets to it. */
  async function normalEventProjected(subject: string): Promise<void> {
    const answer = await post(JSON.stringify(anEvent.goodsArrived(subject, {}, { time: clock.now().toISOString() })));
    expect(answer).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
    const head = (await store().head()).position;
    await waitUntil(`the KPI projection applied ${subject}`, async () => Number((await request('/api/kpis/current', standalone.tokens.operator)).body['position']) >= head, 60_000);
  }

  beforeAll(async () => {
    broker = await acquireTestBroker();
    kafka = testKafka(broker.bootstrap);
    admin = kafka.admin();
    producer = testProducer(kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    await createTopics(admin, Object.values(topics));
    standalone = await startStandaloneForTest(StandaloneModule, {
      name: 'poison-faults',
      clock,
      env: {
        KAFKA_BROKERS: broker.bootstrap,
        KAFKA_GROUP_ID: groupId,
        KAFKA_TOPIC_CLEARANCE: topics.clearance,
        KAFKA_TOPIC_ENFORCEMENT: topics.enforcement,
        KAFKA_TOPIC_DEADLETTER: topics.deadLetters,
      },
    });

    // Both transports at once: the records go to the broker first, the app consumes them while the POSTs arrive.
    const started = performance.now();
    produced = (await produce(producer, topics.clearance, traffic.records)) as (PlannedRecord & ProducedRecord)[];
    answers = await sendRequests(traffic.requests);
    const httpDone = performance.now();
    await waitUntil('the ingest group committed every record', () => groupCaughtUp(admin, groupId, [topics.clearance]), 120_000);
    const kafkaDone = performance.now();
    await waitUntil('the app is ready (projection caught up)', ready, 120_000);
    const readyAgain = performance.now();
    figures['HTTP'] = `${traffic.requests.length} requests, ${httpMalformed} malformed + ${traffic.valid.length - kafkaRecords} valid inputs in ${seconds(httpDone - started)} s: ${Math.round(httpMalformed / ((httpDone - started) / 1000))} rejected inputs/s`;
    figures['Kafka'] = `${traffic.records.length} records, ${kafkaRecords} dead-lettered, all committed ${seconds(kafkaDone - started)} s after the first was produced: ${Math.round(kafkaRecords / ((kafkaDone - started) / 1000))} dead letters/s`;
    figures['ready after the run'] = `${seconds(readyAgain - started)} s after it began`;
  }, 280_000);

  afterAll(async () => {
    await standalone?.close();
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
    await broker?.release();
    process.stderr.write(`\npoison-input.fault-spec (FAULT_SEED=${SEED}, FAULT_MALFORMED_INPUTS=${MALFORMED_INPUTS}):\n${Object.entries(figures).map(([what, figure]) => `  ${what}: ${figure}`).join('\n')}\n\n`);
  }, 60_000);

  it('answers a body of bad bytes with a 400 naming it, and a batch with 200, its malformed events rejected with their reasons', () => {
    expect(answerProblems(traffic.requests, answers).slice(0, 20)).toEqual([]);
  });

  it('dead-letters every malformed Kafka record with its reason in the headers, and no valid one', async () => {
    const letters = await readRecords(kafka, topics.deadLetters, kafkaRecords, 60_000);
    const seen = letters.map((letter) => ({
      partition: Number(letter.headers!['x-original-partition']!.toString()),
      offset: Number(letter.headers!['x-original-offset']!.toString()),
      reasons: JSON.parse(letter.headers!['x-dead-letter-reasons']!.toString()) as ValidationProblem[],
    }));
    expect(deadLetterProblems(produced, seen).slice(0, 20)).toEqual([]);
    expect([...(await endOffsets(admin, topics.deadLetters)).values()].reduce((sum, end) => sum + end, 0)).toBe(kafkaRecords);
  });

  it('stores every valid input exactly once, and nothing else', async () => {
    const keys = await poisonEventKeys();
    expect(keys).toHaveLength(traffic.valid.length);
    expect(new Set(keys)).toEqual(new Set(traffic.valid.map(({ key }) => key)));
  });

  it('is healthy afterwards: ready, a normal event accepted and projected, KPIs answering, the hash chain whole', async () => {
    expect(await ready()).toBe(true);
    await normalEventProjected('DEC-AFTER-POISON');
    expect((await request('/api/kpis/current', standalone.tokens.operator)).status).toBe(200);
    expect((await request('/api/audit/verify', standalone.tokens.auditor)).body).toMatchObject({ ok: true });
  });

  it('starts again on the same data: ready, the same KPIs, every event still there, and ingesting', async () => {
    const before = await request('/api/kpis/current', standalone.tokens.operator);
    const storedBefore = (await store().head()).position;
    await standalone.stop();
    const stopped = performance.now();
    await standalone.start();
    await waitUntil('the restarted app is ready', ready, 120_000);
    figures['restart'] = `ready ${seconds(performance.now() - stopped)} s after start() on the same data (${storedBefore} events in the store)`;

    expect(await request('/api/kpis/current', standalone.tokens.operator)).toEqual(before);
    expect((await store().head()).position).toBe(storedBefore);
    expect(await poisonEventKeys()).toHaveLength(traffic.valid.length);
    expect((await request('/api/audit/verify', standalone.tokens.auditor)).body).toMatchObject({ ok: true });
    await normalEventProjected('DEC-AFTER-RESTART');
  });
});
