import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { type EventStore, EventStoreUnavailableError, START } from '@customs-pulse/event-store';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { TestClock, anEvent } from '@customs-pulse/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SqliteJudgeCheckpointStore } from '../checkpoint/sqlite/sqlite-judge-checkpoint-store.js';
import { AlertJournal } from '../journal/alert-journal.js';
import { STORED_AT, alertEventsIn, committedBatch, normalized, storeIncident } from '../testing/incident.js';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../rules/alert-rule-settings.js';
import { AlertDeliveryObserver } from './alert-delivery-observer.js';
import { AlertRulesObserver, type AlertRulesObserverOptions } from './alert-rules-observer.js';

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-alerts-'));
let files = 0;
const stores: SqliteEventStore[] = [];
const quiet = { warn: () => undefined, error: () => undefined };

const opened: SqliteJudgeCheckpointStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const checkpoints of opened.splice(0)) await checkpoints.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function openStore(file = join(folder, `store-${(files += 1)}`, 'events.sqlite')): SqliteEventStore {
  const store = SqliteEventStore.open({ file, clock: new TestClock(STORED_AT) });
  stores.push(store);
  return store;
}

type JournalStore = Pick<EventStore, 'readAll' | 'readAllOfTypes' | 'readStream' | 'appendMany'>;

/** A judge on `store` with a fresh checkpoint, or `options.checkpoints` (the one of a process that ran before). */
function observerOn(store: JournalStore, options: Partial<AlertRulesObserverOptions> = {}): { observer: AlertRulesObserver; journal: AlertJournal } {
  const journal = new AlertJournal({ store, logger: quiet });
  const checkpoints = options.checkpoints ?? checkpointsIn(join(folder, `checkpoint-${(files += 1)}`));
  return { journal, observer: new AlertRulesObserver({ journal, settings: DEFAULT_ALERT_RULE_SETTINGS, log: store as EventStore, logger: quiet, checkpoints, ...options }) };
}

/** The judge's checkpoint in `directory`, as a (re)started process opens it. */
function checkpointsIn(directory: string): SqliteJudgeCheckpointStore {
  const checkpoints = SqliteJudgeCheckpointStore.open(directory);
  opened.push(checkpoints);
  return checkpoints;
}

/** `store`, but every call fails while `unreachable()` says so: a store outage, or with `failure` another error. */
function outage(store: EventStore, unreachable: () => boolean, failure = (): Error => new EventStoreUnavailableError('connect ECONNREFUSED')): JournalStore {
  const guard = <T>(call: () => Promise<T>): Promise<T> => (unreachable() ? Promise.reject(failure()) : call());
  return {
    readAll: (after, limit) => guard(() => store.readAll(after, limit)),
    readAllOfTypes: (types, after, limit) => guard(() => store.readAllOfTypes(types, after, limit)),
    readStream: (stream) => guard(() => store.readStream(stream)),
    appendMany: (writes) => guard(() => store.appendMany(writes)),
  };
}

describe('AlertRulesObserver on the SQLite event store', () => {
  it('raises the threshold alerts of the office and the total and the seizure alert, once', async () => {
    const store = openStore();
    const batch = committedBatch(await storeIncident(store));
    const { observer, journal } = observerOn(store);

    await observer.committed(batch);

    expect((await alertEventsIn(store)).map(({ type, data }) => [type, data['rule'], data['filters']])).toEqual([
      ['AlertRaised', 'kpi_threshold', {}],
      ['AlertRaised', 'kpi_threshold', { office: 'UZ-TAS' }],
      ['AlertRaised', 'significant_seizure', { office: 'UZ-TAS' }],
    ]);
    expect((await journal.alerts('open')).map(({ severity, value, n }) => ({ severity, value, n }))).toContainEqual({ severity: 'critical', value: 58, n: 20 });
  });

  it('appends nothing new when it observes the same batch twice', async () => {
    const store = openStore();
    const batch = committedBatch(await storeIncident(store));
    const { observer } = observerOn(store);
    await observer.committed(batch);
    const head = await store.head();

    await observer.committed(batch);

    expect(await store.head()).toEqual(head);
  });

  it('appends nothing new when a restarted process observes the batch again: the alert state is read back from the log', async () => {
    const file = join(folder, 'restarted', 'events.sqlite');
    const before = openStore(file);
    const batch = committedBatch(await storeIncident(before));
    await observerOn(before).observer.committed(batch);
    const head = await before.head();
    await before.close();

    const after = openStore(file);
    const { observer, journal } = observerOn(after);
    await observer.committed(batch);

    expect(await after.head()).toEqual(head);
    expect(await journal.alerts('open')).toHaveLength(3);
  });

  it('plans the same ids and content even against a state that missed the first recording, so the store absorbs them as duplicates', async () => {
    const store = openStore();
    const batch = committedBatch(await storeIncident(store));
    await observerOn(store).observer.committed(batch);
    const head = await store.head();
    const appendMany = store.appendMany.bind(store);
    const outcomes: string[] = [];
    // A journal that never saw the alert events in the log: as if the answer to its append had been lost.
    const forgetful = {
      readAll: async (after: number, limit: number) => (await store.readAll(after, limit)).filter(({ type }) => !type.startsWith('Alert')),
      readAllOfTypes: async (types: readonly string[], after: number, limit: number) =>
        (await store.readAllOfTypes(types, after, limit)).filter(({ type }) => !type.startsWith('Alert')),
      readStream: store.readStream.bind(store),
      appendMany: async (writes: Parameters<EventStore['appendMany']>[0]) => {
        const results = await appendMany(writes);
        outcomes.push(...results.flatMap((result) => result.outcomes.map(({ status }) => status)));
        return results;
      },
    };

    await observerOn(forgetful).observer.committed(batch);

    expect(outcomes).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await store.head()).toEqual(head);
  });

  it('raises the alert of a seizure between two observed batches, which a projector swap left unobserved', async () => {
    const store = openStore();
    const events = [
      anEvent.goodsArrived('DEC-1', { officeId: 'UZ-TAS' }, { time: '2026-03-02T09:00:00.000Z' }),
      anEvent.seizureRecorded('CASE-7', { officeId: 'UZ-TAS', category: 'WEAPONS' }, { time: '2026-03-02T09:30:00.000Z' }),
      anEvent.goodsArrived('DEC-2', { officeId: 'UZ-TAS' }, { time: '2026-03-02T10:00:00.000Z' }),
    ].map(normalized);
    for (const event of events) await store.append(event.subject, [event]);
    const [first, , last] = await store.readAll(START, 10);
    const { observer, journal } = observerOn(store);

    await observer.committed(committedBatch([first!]));
    await observer.committed(committedBatch([last!]));

    expect((await journal.alerts('open')).map(({ rule, trigger }) => [rule, trigger?.subject])).toEqual([['significant_seizure', 'CASE-7']]);
  });
});

describe('AlertRulesObserver after a crash or an outage (guarantee 9: exactly once in effect)', () => {
  it('raises the alerts of a batch committed just before a crash exactly once, judging again from its checkpoint after the restart', async () => {
    const file = join(folder, 'crashed', 'events.sqlite');
    const before = openStore(file);
    const incident = await storeIncident(before);
    // The KPI projection committed the incident's batch, then the process died before the alert append.
    const checkpoint = join(folder, 'crashed', 'checkpoint');
    const dying = observerOn(outage(before, () => true), { checkpoints: checkpointsIn(checkpoint) }).observer;
    dying.onModuleDestroy();
    await expect(dying.committed(committedBatch(incident))).rejects.toThrow('ECONNREFUSED');
    await before.close();

    // After the restart the projector resumes after the incident's batch: the next batch holds only a new arrival.
    const after = openStore(file);
    await after.append('DEC-99', [normalized(anEvent.goodsArrived('DEC-99', { officeId: 'UZ-SAM' }, { time: '2026-03-02T11:30:00.000Z' }))]);
    const all = await after.readAll(START, 1000);
    const next = committedBatch(all.slice(-1), all, [['backlog', { office: 'UZ-SAM' }]]);
    await observerOn(after, { checkpoints: checkpointsIn(checkpoint) }).observer.committed(next);
    // And a second restart, observing the same batch again, raises nothing more.
    await observerOn(after, { checkpoints: checkpointsIn(checkpoint) }).observer.committed(next);

    // Every KPI the incident moved is judged (the batch's own changes did not include them), each slice once.
    const raised = (await alertEventsIn(after)).map(({ type, data }) => `${type} ${String(data['kpiId'] ?? data['rule'])} ${JSON.stringify(data['filters'])}`);
    expect(raised).toEqual(expect.arrayContaining([
      'AlertRaised release_time_mean {}',
      'AlertRaised release_time_mean {"office":"UZ-TAS"}',
      'AlertRaised significant_seizure {"office":"UZ-TAS"}',
    ]));
    expect(new Set(raised).size).toBe(raised.length);
  });

  it('raises the alerts once after a store outage longer than 3 s: it retries with backoff and never gives up', async () => {
    const store = openStore();
    const batch = committedBatch(await storeIncident(store));
    const outageEnds = performance.now() + 3_500;
    const warnings: string[] = [];
    const { observer } = observerOn(outage(store, () => performance.now() < outageEnds), {
      logger: { warn: (message) => void warnings.push(message), error: quiet.error },
      retryBackoff: { initialMs: 50, maxMs: 400, multiplier: 2 },
    });

    await observer.committed(batch);

    expect(performance.now()).toBeGreaterThanOrEqual(outageEnds);
    expect(warnings.length).toBeGreaterThan(4);
    expect((await alertEventsIn(store)).map(({ data }) => data['rule'])).toEqual(['kpi_threshold', 'kpi_threshold', 'significant_seizure']);
  }, 20_000);

  it('does not retry an error that is not an outage: it reports it, lets projection go on, and judges the batch again with the next one', async () => {
    const store = openStore();
    const incident = await storeIncident(store);
    let refusing = true;
    const errors: string[] = [];
    const reported: number[] = [];
    const { observer } = observerOn(outage(store, () => refusing, () => new TypeError('a bug in the judge')), {
      logger: { warn: quiet.warn, error: (message) => void errors.push(message) },
      metrics: { judgeFailures: (consecutive) => void reported.push(consecutive) },
    });

    // Returns at once rather than retrying a failure that would repeat, so the projection awaiting it goes on.
    await observer.committed(committedBatch(incident));
    expect(observer.failure).toEqual({ consecutive: 1, error: 'a bug in the judge' });
    expect(errors).toEqual([expect.stringContaining('a bug in the judge')]);
    expect(reported).toEqual([1]);
    expect(await alertEventsIn(store)).toEqual([]);

    refusing = false;
    await store.append('DEC-99', [normalized(anEvent.goodsArrived('DEC-99', { officeId: 'UZ-SAM' }, { time: '2026-03-02T11:30:00.000Z' }))]);
    const all = await store.readAll(START, 1000);
    await observer.committed(committedBatch(all.slice(-1), all, [['backlog', { office: 'UZ-SAM' }]]));

    expect(observer.failure).toBeNull();
    expect(reported).toEqual([1, 0]);
    const raised = (await alertEventsIn(store)).map(({ type, data }) => `${type} ${String(data['kpiId'] ?? data['rule'])} ${JSON.stringify(data['filters'])}`);
    expect(raised).toEqual(expect.arrayContaining(['AlertRaised release_time_mean {"office":"UZ-TAS"}', 'AlertRaised significant_seizure {"office":"UZ-TAS"}']));
    expect(new Set(raised).size).toBe(raised.length);
  });

  it('gives the same event-rule alert ids whether the events are judged in one batch or one by one', async () => {
    const raw = [
      anEvent.goodsArrived('DEC-1', { officeId: 'UZ-TAS' }, { time: '2026-03-02T09:00:00.000Z' }),
      anEvent.laneRerouted('DEC-1', { fromLane: 'RED', toLane: 'GREEN' }, { time: '2026-03-02T09:10:00.000Z' }),
      anEvent.seizureRecorded('CASE-1', { officeId: 'UZ-TAS', category: 'WEAPONS' }, { time: '2026-03-02T09:20:00.000Z' }),
      anEvent.seizureRecorded('CASE-2', { officeId: 'UZ-SAM', category: 'DRUGS' }, { time: '2026-03-02T09:30:00.000Z' }),
    ].map(normalized);
    const judged = async (batchSize: number): Promise<string[]> => {
      const store = openStore();
      for (const event of raw) await store.append(event.subject, [event]);
      const events = await store.readAll(START, 10);
      const { observer } = observerOn(store);
      for (let from = 0; from < events.length; from += batchSize) {
        await observer.committed(committedBatch(events.slice(from, from + batchSize), events.slice(0, from + batchSize), []));
      }
      return (await alertEventsIn(store)).map(({ subject }) => subject).sort();
    };

    const inOneBatch = await judged(4);
    const oneByOne = await judged(1);

    expect(inOneBatch).toHaveLength(3);
    expect(oneByOne).toEqual(inOneBatch);
  });
});

describe("AlertDeliveryObserver (a gateway's)", () => {
  it('judges and appends nothing, and pushes the alert events the judge stored once its follower reads them', async () => {
    const store = openStore();
    const incident = await storeIncident(store);
    const appended: number[] = [];
    const pushed: string[] = [];
    const watched: JournalStore = {
      readAll: (after, limit) => store.readAll(after, limit),
      readAllOfTypes: (types, after, limit) => store.readAllOfTypes(types, after, limit),
      readStream: (stream) => store.readStream(stream),
      appendMany: (writes) => {
        appended.push(writes.length);
        return store.appendMany(writes);
      },
    };
    const journal = new AlertJournal({ store: watched, publisher: { publishAlert: (change, alert) => void pushed.push(`${change} ${alert.rule}`) }, logger: quiet });
    await journal.load();
    const gateway = new AlertDeliveryObserver(journal);

    await gateway.committed(committedBatch(incident));
    expect(appended).toEqual([]);
    expect(await alertEventsIn(store)).toEqual([]);

    await observerOn(store).observer.committed(committedBatch(incident));
    await gateway.committed(committedBatch(await alertEventsIn(store), incident, []));

    expect(appended).toEqual([]);
    expect(pushed).toEqual(['raised kpi_threshold', 'raised kpi_threshold', 'raised significant_seizure']);
  });

  it('folds and pushes every alert of a batch when the push of one throws, and logs the failure', async () => {
    const store = openStore();
    const incident = await storeIncident(store);
    await observerOn(store).observer.committed(committedBatch(incident));
    const pushed: string[] = [];
    const errors: string[] = [];
    const publisher = {
      publishAlert: (change: string, alert: { rule: string; filters: object }) => {
        if (pushed.length === 0 && errors.length === 0) throw new Error('the socket is gone');
        pushed.push(`${change} ${alert.rule} ${JSON.stringify(alert.filters)}`);
      },
    };
    const journal = new AlertJournal({ store: { readAllOfTypes: async () => [], readStream: store.readStream.bind(store), appendMany: store.appendMany.bind(store) }, publisher, logger: { ...quiet, error: (message) => void errors.push(message) } });

    await new AlertDeliveryObserver(journal).committed(committedBatch(await alertEventsIn(store), incident, []));

    expect(errors).toEqual([expect.stringContaining('the socket is gone')]);
    expect(pushed).toEqual(['raised kpi_threshold {"office":"UZ-TAS"}', 'raised significant_seizure {"office":"UZ-TAS"}']);
    expect(await journal.alerts('open')).toHaveLength(3);
  });
});
