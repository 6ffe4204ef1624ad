import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { KpiBucket, MalformedBucketJsonError } from './buckets.js';
import { KpiEngine } from './kpi-engine.js';
import { bucketValue, engineGiven, march, stored } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });

const LIFE = [
  anEvent.goodsArrived('D1', { officeId: 'O1' }, on(2, '08:00')),
  anEvent.declarationLodged('D1', { officeId: 'O1' }, on(2, '09:00')),
  anEvent.goodsReleased('D1', {}, on(2, '10:00')),
  anEvent.seizureRecorded('S1', { officeId: 'O1' }, on(2, '10:00')),
];

describe('persistence', () => {
  it('drains the declarations, cases and buckets changed since the last drain, with the quality counters', () => {
    const engine = engineGiven(LIFE);
    const first = engine.drainDirty();
    expect(first.declarations.map(({ subject }) => subject)).toEqual(['D1']);
    expect(first.cases.map(({ subject }) => subject)).toEqual(['S1']);
    expect(first.buckets.length).toBeGreaterThan(0);
    expect(first.quality).toEqual({});

    expect(engine.drainDirty()).toEqual({ declarations: [], cases: [], buckets: [], quality: {} });

    engine.apply(stored(anEvent.dutiesPaid('D1', { amount: 3 }, on(2, '11:00'))));
    const second = engine.drainDirty();
    expect(second.declarations.map(({ subject }) => subject)).toEqual(['D1']);
    // duties in total and O1, hour and day; the event's ingest lag in total and O1, hour and day
    expect(second.buckets.map(({ measure }) => measure).sort()).toEqual([
      ...Array<string>(4).fill('duties'),
      ...Array<string>(4).fill('ingestLag'),
    ]);
  });

  it('drains in steps, at least one per declaration, case and bucket, what drainDirty drains at once', () => {
    const [stepwise, atOnce] = [engineGiven(LIFE), engineGiven(LIFE)];
    const { stepCount, result } = runCountingSteps(stepwise.drainDirtyInSteps());

    const expected = atOnce.drainDirty();
    expect(result).toEqual(expected);
    expect(stepCount).toBeGreaterThanOrEqual(expected.declarations.length + expected.cases.length + expected.buckets.length);
  });

  it('takes the dirty declarations and cases at the first step of a drain in steps, leaving them to no other drain', () => {
    const engine = engineGiven(LIFE);
    const steps = engine.drainDirtyInSteps();
    steps.next();

    const other = engine.drainDirty();
    expect([other.declarations, other.cases]).toEqual([[], []]);
    const { result } = runCountingSteps(steps);
    expect([result.declarations.map(({ subject }) => subject), result.cases.map(({ subject }) => subject)]).toEqual([['D1'], ['S1']]);
  });

  it('drains the changes in steps, at least one per bucket, as drainChanges does at once', () => {
    const [stepwise, atOnce] = [engineGiven(LIFE), engineGiven(LIFE)];
    const now = on(2, '12:00').time;
    const { stepCount, result } = runCountingSteps(stepwise.drainChangesInSteps(now));

    const expected = atOnce.drainChanges(now);
    expect(result).toEqual(expected);
    // The buckets touched are the same for persistence and for change notification.
    expect(stepCount).toBeGreaterThanOrEqual(atOnce.drainDirty().buckets.length);
  });

  it('persists facts readably, with event times as RFC 3339', () => {
    const { declarations } = engineGiven(LIFE).toJSON();
    expect(declarations[0]?.facts.released).toMatchObject({ time: march(2, '10:00'), source: 'urn:customs:test' });
  });

  it('restores an engine that answers and goes on exactly as the original', () => {
    const original = engineGiven(LIFE);
    const restored = KpiEngine.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
    expect(restored.toJSON()).toEqual(original.toJSON());

    const late = [anEvent.goodsReleased('D1', {}, on(2, '09:30')), LIFE[2]!];
    for (const engine of [original, restored]) for (const event of late) engine.apply(stored(event));
    // 09:30 - 08:00 = 1.5 h
    expect(bucketValue(restored, 'release_time_mean', 'hour', march(2, '09:00'))).toEqual({ value: 1.5, n: 1 });
    expect(restored.toJSON()).toEqual(original.toJSON());
    expect(restored.current('backlog', march(2, '09:15'))).toEqual(original.current('backlog', march(2, '09:15')));
  });

  it('restores a bucket from its JSON and refuses one that does not fit its measure', () => {
    const [json] = engineGiven(LIFE).toJSON().buckets.filter((bucket) => bucket.measure === 'releaseTime');
    expect(KpiBucket.fromJSON(json!).toJSON()).toEqual(json);
    expect(() => KpiBucket.fromJSON({ ...json!, values: [1] })).toThrow(MalformedBucketJsonError);
    expect(() => KpiBucket.fromJSON({ ...json!, start: march(2, '10:30') })).toThrow(MalformedBucketJsonError);
  });
});

describe('change notification', () => {
  it('reports each KPI of each touched bucket, and each touched current value once', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.seizureRecorded('S1', { officeId: 'O1', transportMode: 'SEA', category: 'DRUGS' }, on(2, '10:00'))));
    const { buckets, current } = engine.drainChanges();
    expect(buckets).toContainEqual({ kpiId: 'seizures_value', granularity: 'day', start: march(2, '00:00'), slice: 'office=O1' });
    expect(current).toContainEqual({ kpiId: 'risk_based_seizure_share', slice: 'category=DRUGS&office=O1&transportMode=SEA' });
    // 3 seizure KPIs + ingest lag, in 8 + 2 slices
    expect(current).toHaveLength(3 * 8 + 2);
    expect(engine.drainChanges()).toEqual({ buckets: [], current: [] });
  });

  it('reports a current value only when its window holds a touched hour, given now', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.dutiesPaid('D1', {}, on(1, '09:00'))));
    // 1 March 09:00 is outside the window of 2 March 10:00 (from 1 March 11:00)
    const { buckets, current } = engine.drainChanges(march(2, '10:00'));
    expect(buckets.some(({ kpiId }) => kpiId === 'duties_collected')).toBe(true);
    expect(current.filter(({ kpiId }) => kpiId === 'duties_collected')).toEqual([]);
  });

  it('reports backlog as changed for now whenever a delta lands before the end of the hour holding now', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, on(1, '09:00'))));
    const { current } = engine.drainChanges(march(2, '10:00'));
    expect(current.filter(({ kpiId }) => kpiId === 'backlog').map(({ slice }) => slice)).toContain('office=O1');
  });
});

/** Runs a drain's steps to the end, counting them. */
function runCountingSteps<T>(steps: Generator<void, T, undefined>): { stepCount: number; result: T } {
  let stepCount = 0;
  for (;;) {
    const step = steps.next();
    if (step.done === true) return { stepCount, result: step.value };
    stepCount += 1;
  }
}
