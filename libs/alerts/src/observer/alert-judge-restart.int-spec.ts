import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { type EventStore, type RecordedEvent } from '@customs-pulse/event-store';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { KpiEngine } from '@customs-pulse/kpi';
import { TestClock, dropSchemas, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type JudgeCheckpointStore } from '../checkpoint/judge-checkpoint.port.js';
import { PostgresJudgeCheckpointStore } from '../checkpoint/postgres/postgres-judge-checkpoint-store.js';
import { SqliteJudgeCheckpointStore } from '../checkpoint/sqlite/sqlite-judge-checkpoint-store.js';
import { AlertJournal } from '../journal/alert-journal.js';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../rules/alert-rule-settings.js';
import { INCIDENT_SLICES, STORED_AT, committedBatch, raisedIn, storeArrival, storeIncident } from '../testing/incident.js';
import { AlertRulesObserver } from './alert-rules-observer.js';

// Guarantee 9 across restarts: a "crash" is a judge whose store or checkpoint write fails at one point, dropped
// without any clean-up; the "restart" is a new journal and judge over the same event store and checkpoint database.

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-judge-'));
const schemas: string[] = [];
const toClose: { close(): Promise<void> }[] = [];
const quiet = { warn: () => undefined, error: () => undefined };
const THE_INCIDENT = ['AlertRaised release_time_mean {}', 'AlertRaised release_time_mean {"office":"UZ-TAS"}', 'AlertRaised significant_seizure {"office":"UZ-TAS"}'];

afterEach(async () => {
  for (const closable of toClose.splice(0).reverse()) await closable.close();
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await dropSchemas(schemas);
});

/** One test's databases: its event store, and its judge's checkpoint as each (re)started process opens it. */
interface Databases {
  readonly store: EventStore;
  openCheckpoints(): Promise<JudgeCheckpointStore>;
}

const backends: [string, () => Promise<Databases>][] = [
  [
    'SQLite',
    async () => {
      const directory = mkdtempSync(join(folder, 'case-'));
      const store = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), clock: new TestClock(STORED_AT) });
      toClose.push(store);
      return { store, openCheckpoints: async () => opened(SqliteJudgeCheckpointStore.open(join(directory, 'read-model'))) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = uniqueSchemaName('judge');
      schemas.push(schema);
      const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema, clock: new TestClock(STORED_AT) });
      toClose.push(store);
      return { store, openCheckpoints: async () => opened(await PostgresJudgeCheckpointStore.open({ connectionString: postgresUrl, schema })) };
    },
  ],
];

function opened<T extends { close(): Promise<void> }>(closable: T): T {
  toClose.push(closable);
  return closable;
}

/** A judge as a process starts one, on `store` (or a wrapper of it), with `checkpoints`; `read` counts the events its log reads hand it. */
function judgeOn(store: EventStore, checkpoints: JudgeCheckpointStore, read = { events: 0 }): AlertRulesObserver {
  const journal = new AlertJournal({ store, logger: quiet });
  const log = {
    readAll: async (after: number, limit: number) => {
      const events = await store.readAll(after, limit);
      read.events += events.length;
      return events;
    },
  };
  return new AlertRulesObserver({ journal, settings: DEFAULT_ALERT_RULE_SETTINGS, log, logger: quiet, checkpoints });
}

/** `store`, but its appends die: the process is killed before the alert append is stored. */
function appendsDie(store: EventStore): EventStore {
  return Object.assign(Object.create(store) as EventStore, { appendMany: () => Promise.reject(new Error('killed before the alert append')) });
}

/** `checkpoints`, but its writes die: the process is killed between the alert append and the checkpoint write. */
function savesDie(checkpoints: JudgeCheckpointStore): JudgeCheckpointStore {
  return { load: () => checkpoints.load(), save: () => Promise.reject(new Error('killed before the checkpoint write')), close: () => checkpoints.close() };
}

/** Each alert raised at most once, and the incident's among them. */
function expectTheIncidentOnce(raised: readonly string[]): void {
  expect(raised).toEqual(expect.arrayContaining(THE_INCIDENT));
  expect(new Set(raised).size).toBe(raised.length);
}

/**
 * An arrival stored and its batch judged, then the incident stored after it, not yet judged: the log of a judge whose
 * checkpoint is at the arrival.
 */
async function arrivalsJudgedThenIncident(store: EventStore, checkpoints: JudgeCheckpointStore) {
  const arrivals = await storeArrival(store, 'DEC-A');
  await judgeOn(store, checkpoints).committed(committedBatch(arrivals, arrivals, [['backlog', { office: 'UZ-SAM' }]]));
  const incident = after(arrivals.at(-1)!.position, await storeIncident(store));
  return { arrivals, incident, log: [...arrivals, ...incident] };
}

/** The events of `log` after `position`: the batch a projection commits next, alert events included. */
function after(position: number, log: readonly RecordedEvent[]): RecordedEvent[] {
  return log.filter((event) => event.position > position);
}

/** The projection as it starts at `position` of `log`, caught up: what `KpiProjection` tells its observers. */
function startingAt(log: readonly RecordedEvent[]) {
  const engine = new KpiEngine();
  engine.applyAll(log);
  return { position: log.at(-1)!.position, caughtUp: true, engine };
}

/**
 * As {@link startingAt}, but the engine holds only hot subjects and has let every declaration of `log` go (README,
 * "Hot and cold state"); `bringBack` reads them back from what it committed, as the projector does from its read model.
 */
function boundedStartingAt(log: readonly RecordedEvent[]) {
  const engine = new KpiEngine();
  engine.boundHeldSubjects({ openMaxDays: 1, closedCacheSize: 0 }, { restoredPartially: false });
  engine.applyAll(log);
  const committed = engine.drainDirty();
  engine.letGoOfColdSubjects(Date.parse('2100-01-01T00:00:00.000Z'));
  const bringBack = async (events: readonly RecordedEvent[]): Promise<void> => {
    const wanted = engine.subjectsToLoad(events);
    if (wanted === null) return;
    engine.adopt({
      declarations: committed.declarations.filter(({ subject }) => wanted.declarations.includes(subject)),
      cases: committed.cases.filter(({ subject }) => wanted.cases.includes(subject)),
    });
  };
  return { position: log.at(-1)!.position, caughtUp: true, engine, bringBack };
}

describe.each(backends)('the alert judge across restarts, on %s (guarantee 9)', (_name, open) => {
  it('reads the offices of the declarations a bounded engine let go of back from their facts, and raises what an engine holding all would', async () => {
    const { store, openCheckpoints } = await open();
    const incident = await storeIncident(store);
    await judgeOn(appendsDie(store), await openCheckpoints()).committed(committedBatch(incident));
    const bounded = boundedStartingAt(incident);
    expect(bounded.engine.heldSubjects().declarations).toBe(0);

    await judgeOn(store, await openCheckpoints()).resumed(bounded);

    expectTheIncidentOnce(await raisedIn(store));
    expect(bounded.engine.heldSubjects().loads).toBeGreaterThan(0);
  });

  it('judges a batch whose alert append died with the process as it starts again, once, without waiting for a new event', async () => {
    const { store, openCheckpoints } = await open();
    const incident = await storeIncident(store);
    // The KPI projection committed the incident's batch; the process died before the alerts were appended.
    await judgeOn(appendsDie(store), await openCheckpoints()).committed(committedBatch(incident));
    expect(await raisedIn(store)).toEqual([]);

    // The restarted projection is at the incident's position, the log's head: no new event will come.
    await judgeOn(store, await openCheckpoints()).resumed(startingAt(incident));
    const raised = await raisedIn(store);
    expectTheIncidentOnce(raised);

    // A further restart judges nothing again.
    await judgeOn(store, await openCheckpoints()).resumed(startingAt(incident));
    expect(await raisedIn(store)).toEqual(raised);
  });

  it('raises nothing twice when the process died between the alert append and the checkpoint write', async () => {
    const { store, openCheckpoints } = await open();
    const { arrivals, incident, log } = await arrivalsJudgedThenIncident(store, await openCheckpoints());
    await judgeOn(store, savesDie(await openCheckpoints())).committed(committedBatch(incident, log, INCIDENT_SLICES));
    const raised = await raisedIn(store);
    expectTheIncidentOnce(raised);
    const head = (await store.head()).position;

    const checkpoints = await openCheckpoints();
    expect(await checkpoints.load()).toEqual({ position: arrivals.at(-1)!.position, deferred: [] });
    await judgeOn(store, checkpoints).resumed(startingAt(log));

    expect(await raisedIn(store)).toEqual(raised);
    expect((await store.head()).position).toBe(head);
    expect(await checkpoints.load()).toEqual({ position: incident.at(-1)!.position, deferred: [] });
  });

  it('raises nothing twice when the KPI read model comes back behind its checkpoint and the same batch is committed again', async () => {
    const { store, openCheckpoints } = await open();
    const { arrivals, incident, log } = await arrivalsJudgedThenIncident(store, await openCheckpoints());
    await judgeOn(store, await openCheckpoints()).committed(committedBatch(incident, log, INCIDENT_SLICES));
    const raised = await raisedIn(store);
    expectTheIncidentOnce(raised);

    // A power cut took back the read model's last commit (the SQLite one syncs at checkpoints only): the projection
    // starts again at the arrivals, behind the judge's checkpoint, and commits the incident's batch a second time.
    const judge = judgeOn(store, await openCheckpoints());
    await judge.resumed(startingAt(arrivals));
    await judge.committed(committedBatch(incident, log, INCIDENT_SLICES));

    expect(await raisedIn(store)).toEqual(raised);
  });

  it('keeps a slice put off while the projection replayed history across a restart, and judges it at the first caught-up batch', async () => {
    const { store, openCheckpoints } = await open();
    // Replayed (not caught up): the seizure raises its alert, the threshold slices are put off.
    const incident = await storeIncident(store);
    await judgeOn(store, await openCheckpoints()).committed(committedBatch(incident, incident, undefined, false));
    expect(await raisedIn(store)).toEqual(['AlertRaised significant_seizure {"office":"UZ-TAS"}']);

    // After a restart, the first caught-up batch changes another office only.
    const log = await storeArrival(store, 'DEC-99');
    await judgeOn(store, await openCheckpoints()).committed(committedBatch(after(incident.at(-1)!.position, log), log, [['backlog', { office: 'UZ-SAM' }]]));

    expect(await raisedIn(store)).toEqual([THE_INCIDENT[2], THE_INCIDENT[0], THE_INCIDENT[1]]);
  });

  it('after a restart reads only the events after its checkpoint, not every event since its last alert', async () => {
    const { store, openCheckpoints } = await open();
    const incident = await storeIncident(store);
    await judgeOn(store, await openCheckpoints()).committed(committedBatch(incident));
    const raised = await raisedIn(store);
    // Batches without alerts: the alert events, then one arrival each, every one judged by a process of its own.
    let log = incident;
    for (const declaration of ['DEC-A', 'DEC-B', 'DEC-C', 'DEC-D', 'DEC-E', 'DEC-F']) {
      const judged = log.at(-1)!.position;
      log = await storeArrival(store, declaration);
      await judgeOn(store, await openCheckpoints()).committed(committedBatch(after(judged, log), log, [['backlog', { office: 'UZ-SAM' }]]));
    }

    const read = { events: 0 };
    const restarted = judgeOn(store, await openCheckpoints(), read);
    await restarted.resumed(startingAt(log));
    const judged = log.at(-1)!.position;
    log = await storeArrival(store, 'DEC-G');
    await restarted.committed(committedBatch(after(judged, log), log, [['backlog', { office: 'UZ-SAM' }]]));

    expect(read.events).toBe(0);
    expect(await raisedIn(store)).toEqual(raised);
  });
});
