import { type NormalizedEvent, validateEvent } from '@customs-pulse/domain';
import { type EventStore, type RecordedEvent } from '@customs-pulse/event-store';
import { anEventOfType, realisticHistory } from '@customs-pulse/testing';

import { bucketKey } from '../../engine/bucket-key.js';
import { type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';

/** A clock far enough ahead that no history event is refused as being from the future. */
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };

/** A raw CloudEvent (`anEvent.*`) as ingest appends it. @throws Error when ingest would refuse it. */
export function validated(raw: Readonly<Record<string, unknown>>): NormalizedEvent {
  const validation = validateEvent(raw, { clock: FAR_FUTURE, reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  return validation.event;
}

/** Appends `realisticHistory(seed, declarations)` as ingest would: validated, one stream per subject. */
export async function storeRealisticHistory(store: EventStore, seed: number, declarations: number): Promise<number> {
  const events = realisticHistory(seed, declarations).map(({ type, subject, data, envelope }) =>
    validated(anEventOfType(type, subject, data, envelope)),
  );
  // Several appends, so that `recordedAt` and batch boundaries vary along the log as in production.
  for (let from = 0; from < events.length; from += 100) {
    await store.appendMany(events.slice(from, from + 100).map((event) => ({ stream: event.subject, events: [event] })));
  }
  return events.length;
}

/** Every stored event, in log order. */
export async function allStored(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(0, 1000); page.length > 0; page = await store.readAll(page.at(-1)!.position, 1000)) {
    events.push(...page);
  }
  return events;
}

/** An engine rebuilt from position 0: what any projection of the same log must equal. */
export async function cleanRebuild(store: EventStore): Promise<KpiEngine> {
  const engine = new KpiEngine();
  engine.applyAll(await allStored(store));
  return engine;
}

/** An engine that applied `realisticHistory(seed, declarations)`, as stored events: a drain as large as a test needs. */
export function engineOverRealisticHistory(seed: number, declarations: number): KpiEngine {
  const engine = new KpiEngine();
  for (const { type, subject, data, envelope } of realisticHistory(seed, declarations)) {
    engine.apply(stored(anEventOfType(type, subject, data, envelope)));
  }
  return engine;
}

/** A snapshot in a fixed order (by subject, by bucket key), so that equal states compare equal. */
export function canonical(snapshot: KpiEngineSnapshot): KpiEngineSnapshot {
  const bySubject = <T extends { readonly subject: string }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => a.subject.localeCompare(b.subject));
  const keyOf = (bucket: KpiEngineSnapshot['buckets'][number]): string =>
    bucketKey({ ...bucket, start: Date.parse(bucket.start) });
  return {
    declarations: bySubject(snapshot.declarations),
    cases: bySubject(snapshot.cases),
    buckets: [...snapshot.buckets].sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
    quality: snapshot.quality,
  };
}
