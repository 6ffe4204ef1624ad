import { describe, expect, it } from '@jest/globals';
import { anEventOfType } from '@customs-pulse/testing';
import { KPI_CATALOGUE, type KpiId } from '@customs-pulse/domain';

import { bucketKey } from './bucket-key.js';
import { GRANULARITIES, DAY_MS } from './bucket-time.js';
import { type BucketJson } from './buckets.js';
import { type KpiEngineEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { type CaseStateJson, type DeclarationStateJson } from './facts-json.js';
import { KpiEngine } from './kpi-engine.js';
import { KPI_READERS } from './kpi-readers.js';
import { type MeasureId } from './measures.js';
import { filtersOfSlice } from './slices.js';
import { realisticHistory, SeededRandom } from '@customs-pulse/testing';
import { stored } from './testing/stored-events.js';

/** Every KPI but the one that measures arrival itself. */
const SET_KPIS = KPI_CATALOGUE.filter((kpi) => kpi.id !== 'ingest_lag_p95');
const FROM = '2026-02-28T00:00:00.000Z';
const TO = '2026-03-07T00:00:00.000Z';

const HISTORY: readonly KpiEngineEvent[] = realisticHistory(20260302, 300).map(({ type, subject, data, envelope }) =>
  stored(anEventOfType(type, subject, data, envelope)),
);

function measureOf(kpiId: KpiId): MeasureId {
  return kpiId === 'backlog' ? 'backlog' : KPI_READERS[kpiId].measure;
}

/** Every non-empty point of every series of every slice the reference has, for each KPI and granularity. */
function fingerprint(engine: KpiEngine, slices: ReadonlyMap<MeasureId, readonly string[]>): string[] {
  const lines: string[] = [];
  for (const kpi of SET_KPIS) {
    for (const slice of slices.get(measureOf(kpi.id)) ?? []) {
      for (const granularity of GRANULARITIES) {
        for (const point of engine.series(kpi.id, granularity, FROM, TO, filtersOfSlice(slice))) {
          if (point.n === 0 && point.value === kpi.emptyValue) continue;
          lines.push(`${kpi.id} ${granularity} ${slice} ${point.start} ${point.value} ${point.n}`);
        }
      }
    }
  }
  for (let day = Date.parse(FROM); day < Date.parse(TO); day += DAY_MS / 4) {
    const now = new Date(day + 1_234_567).toISOString();
    for (const kpi of SET_KPIS) lines.push(`${kpi.id} current ${now} ${JSON.stringify(engine.current(kpi.id, now))}`);
  }
  const { ingest_lag_p95: _lag, ...quality } = engine.qualityCounters();
  lines.push(`quality ${JSON.stringify(quality)}`);
  return lines;
}

function slicesUsed(engine: KpiEngine): Map<MeasureId, string[]> {
  const slices = new Map<MeasureId, Set<string>>();
  for (const { measure, slice } of engine.toJSON().buckets) {
    slices.set(measure, (slices.get(measure) ?? new Set()).add(slice));
  }
  return new Map([...slices].map(([measure, keys]) => [measure, [...keys].sort()]));
}

function engineOf(events: readonly KpiEngineEvent[]): KpiEngine {
  const engine = new KpiEngine();
  engine.applyAll(events);
  return engine;
}

/** The events with a third of them sent again, each copy somewhere after the first. */
function withResends(events: readonly KpiEngineEvent[], random: SeededRandom): KpiEngineEvent[] {
  const result = [...events];
  for (const event of events) {
    if (!random.chance(1 / 3)) continue;
    const first = result.indexOf(event);
    result.splice(random.between(first + 1, result.length), 0, event);
  }
  return result;
}

/** Cut into batches of 1 to 200 events. */
function batches(events: readonly KpiEngineEvent[], random: SeededRandom): KpiEngineEvent[][] {
  const cut: KpiEngineEvent[][] = [];
  for (let start = 0; start < events.length; ) {
    const size = random.between(1, 200);
    cut.push(events.slice(start, start + size));
    start += size;
  }
  return cut;
}

/** What a read model would hold after writing each drain over the previous one, key by key. */
class DrainedReadModel {
  private readonly declarations = new Map<string, DeclarationStateJson>();
  private readonly cases = new Map<string, CaseStateJson>();
  private readonly buckets = new Map<string, BucketJson>();
  private quality: KpiEngineSnapshot['quality'] = {};

  write(drain: KpiEngineSnapshot): void {
    for (const declaration of drain.declarations) this.declarations.set(declaration.subject, declaration);
    for (const item of drain.cases) this.cases.set(item.subject, item);
    for (const bucket of drain.buckets) {
      this.buckets.set(bucketKey({ ...bucket, start: Date.parse(bucket.start) }), bucket);
    }
    this.quality = drain.quality;
  }

  snapshot(): KpiEngineSnapshot {
    const snapshot = {
      declarations: [...this.declarations.values()],
      cases: [...this.cases.values()],
      buckets: [...this.buckets.values()],
      quality: this.quality,
    };
    return JSON.parse(JSON.stringify(snapshot)) as KpiEngineSnapshot;
  }
}

describe('determinism (architecture.md, guarantee 4): the KPIs depend on the set of events only', () => {
  const reference = engineOf(HISTORY);
  const slices = slicesUsed(reference);
  const expected = fingerprint(reference, slices);

  it('has a history rich enough to mean something', () => {
    expect(HISTORY.length).toBeGreaterThan(2000);
    expect(slices.get('lodgement')?.length).toBeGreaterThan(50);
    const quality = reference.qualityCounters();
    expect(quality.release_time_mean).toBeGreaterThan(0);
    expect(quality.examination_time_mean).toBeGreaterThan(0);
    for (const kpi of SET_KPIS) expect(expected.some((line) => line.startsWith(`${kpi.id} hour `))).toBe(true);
  });

  it.each([1, 2, 3])('gives identical series and current values for the events in a random order (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    expect(fingerprint(engineOf(random.shuffled(HISTORY)), slices)).toEqual(expected);
  });

  it.each([4, 5])('gives identical values with a third of the events sent again, in a random order (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    expect(fingerprint(engineOf(withResends(random.shuffled(HISTORY), random)), slices)).toEqual(expected);
  });

  it.each([6, 7])(
    'gives identical values applied in random batches, restored half-way from the drained read model (seed %i)',
    (seed) => {
      const random = new SeededRandom(seed);
      const cut = batches(withResends(random.shuffled(HISTORY), random), random);
      const readModel = new DrainedReadModel();
      let engine = new KpiEngine();
      cut.forEach((batch, index) => {
        engine.applyAll(batch);
        engine.drainChanges();
        readModel.write(engine.drainDirty());
        if (index === Math.floor(cut.length / 2)) engine = KpiEngine.fromJSON(readModel.snapshot());
      });
      expect(fingerprint(engine, slices)).toEqual(expected);
      expect(fingerprint(KpiEngine.fromJSON(readModel.snapshot()), slices)).toEqual(expected);
    },
  );

  it('gives identical values from a fresh engine restored from toJSON of a half-applied one, then the rest', () => {
    const random = new SeededRandom(8);
    const events = withResends(random.shuffled(HISTORY), random);
    const half = engineOf(events.slice(0, events.length / 2));
    const restored = KpiEngine.fromJSON(JSON.parse(JSON.stringify(half.toJSON())) as KpiEngineSnapshot);
    restored.applyAll(events.slice(events.length / 2));
    expect(fingerprint(restored, slices)).toEqual(expected);
  });
});
