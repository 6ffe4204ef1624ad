import { KPI_CATALOGUE, type KpiId, type NormalizedEvent, validateEvent } from '@customs-pulse/domain';
import { type EventStore, type RecordedEvent, START } from '@customs-pulse/event-store';
import { type CommittedKpiBatch, KpiEngine, type KpiFilters, currentUpdate } from '@customs-pulse/kpi';
import { TestClock, anEvent } from '@customs-pulse/testing';

/** Events are stored on 2 March 2026 at noon; the declarations were released two hours before. */
export const STORED_AT = '2026-03-02T12:00:00.000Z';

/** A raw test event as ingest validates it. @throws Error for an event ingest would refuse. */
export function normalized(raw: Readonly<Record<string, unknown>>): NormalizedEvent {
  const validation = validateEvent(raw, { clock: new TestClock(STORED_AT), reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  return validation.event;
}

/**
 * 20 declarations at UZ-TAS, each 58 hours from arrival to release (release_time_mean critical at 48), and a seizure
 * of drugs: what one ingest request stores, and the one batch the projection commits for it.
 */
export async function storeIncident(store: EventStore): Promise<RecordedEvent[]> {
  const raw = Array.from({ length: 20 }, (_, index) => [
    anEvent.goodsArrived(`DEC-${index}`, { officeId: 'UZ-TAS' }, { time: '2026-02-28T00:00:00.000Z' }),
    anEvent.goodsReleased(`DEC-${index}`, {}, { time: '2026-03-02T10:00:00.000Z' }),
  ]).flat();
  raw.push(anEvent.seizureRecorded('CASE-1', { officeId: 'UZ-TAS', category: 'DRUGS' }, { time: '2026-03-02T11:00:00.000Z' }));
  const events = raw.map(normalized);
  const subjects = [...new Set(events.map(({ subject }) => subject))];
  await store.appendMany(subjects.map((subject) => ({ stream: subject, events: events.filter((event) => event.subject === subject) })));
  return store.readAll(START, 1000);
}

/** Every slice the threshold rule watches that the incident changes: each KPI's total and UZ-TAS. */
export const INCIDENT_SLICES: readonly [KpiId, KpiFilters][] = KPI_CATALOGUE.flatMap(({ id }): [KpiId, KpiFilters][] => [
  [id, {}],
  [id, { office: 'UZ-TAS' }],
]);

/** Stores one arrival at `office` (a slice no threshold watches closely) and returns the whole log. */
export async function storeArrival(store: EventStore, declaration: string, office = 'UZ-SAM'): Promise<RecordedEvent[]> {
  await store.append(declaration, [normalized(anEvent.goodsArrived(declaration, { officeId: office }, { time: '2026-03-02T11:30:00.000Z' }))]);
  return store.readAll(START, 10_000);
}

/**
 * The batch as the live projection hands it over once committed: caught up, its changed values, its engine (which
 * holds `applied`, by default the batch's events). `changed` are the slices the batch changed.
 */
export function committedBatch(
  events: readonly RecordedEvent[],
  applied: readonly RecordedEvent[] = events,
  changed: readonly [KpiId, KpiFilters][] = [
    ['release_time_mean', {}],
    ['release_time_mean', { office: 'UZ-TAS' }],
  ],
  caughtUp = true,
): CommittedKpiBatch {
  const engine = new KpiEngine();
  engine.applyAll(applied);
  const position = events.at(-1)!.position;
  const updates = changed.map(([kpiId, filters]) => currentUpdate(engine, kpiId, filters, { now: STORED_AT, position }));
  return { events, updates, position, now: STORED_AT, caughtUp, engine };
}

/** The alert events of the log, in order. */
export async function alertEventsIn(store: EventStore): Promise<RecordedEvent[]> {
  return (await store.readAll(START, 10_000)).filter(({ type }) => type.startsWith('Alert'));
}

/** `type kpiId-or-rule filters` of each alert event of the log: what a test compares. */
export async function raisedIn(store: EventStore): Promise<string[]> {
  return (await alertEventsIn(store)).map(({ type, data }) => `${type} ${String(data['kpiId'] ?? data['rule'])} ${JSON.stringify(data['filters'])}`);
}
