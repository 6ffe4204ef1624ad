import { beforeAll, describe, expect, it } from '@jest/globals';
import { PRODUCER_EVENT_TYPES } from '@customs-pulse/domain';

import { type HistoryTrafficOptions, type RecordedBatch, historyTraffic } from './history-traffic.js';
import { historySizes, historyWorkload } from './history-workload.js';

const DAY = 86_400_000;
const OPTIONS: HistoryTrafficOptions = { seed: 7, end: Date.UTC(2026, 0, 11), days: 10, offices: 5, events: 30_000, maxBatch: 2_000 };

describe('historyTraffic (the history bench generator)', () => {
  let batches: RecordedBatch[];
  beforeAll(() => {
    batches = [...historyTraffic(OPTIONS)];
  });
  const events = () => batches.flatMap((batch) => batch.events);

  it('gives the same events, ids and times included, for the same options', () => {
    const again = [...historyTraffic(OPTIONS)];
    expect(again.map(({ events: batch, recordedAt }) => ({ recordedAt, ids: batch.map(({ id, time }) => `${id}@${time}`) }))).toEqual(
      batches.map(({ events: batch, recordedAt }) => ({ recordedAt, ids: batch.map(({ id, time }) => `${id}@${time}`) })),
    );
  });

  it('holds about the events asked, every producer event type, every office, and declarations that are released', () => {
    const all = events();
    expect(all.length).toBeGreaterThan(OPTIONS.events * 0.9);
    expect(all.length).toBeLessThan(OPTIONS.events * 1.2);
    expect(new Set(all.map(({ type }) => type))).toEqual(new Set(PRODUCER_EVENT_TYPES));
    const offices = new Set(all.map(({ data }) => (data as { officeId?: string }).officeId).filter((office) => office !== undefined));
    expect(offices.size).toBe(OPTIONS.offices);
    const count = (type: string): number => all.filter((event) => event.type === type).length;
    expect(count('GoodsReleased')).toBeGreaterThan(count('DeclarationLodged') * 0.9);
  });

  it('spreads the events over the days before the end, in batches of at most maxBatch, each recorded after its events', () => {
    const times = events().map(({ time }) => Date.parse(time));
    expect(Math.min(...times)).toBeLessThan(OPTIONS.end - (OPTIONS.days - 1) * DAY);
    expect(Math.max(...times)).toBeLessThan(OPTIONS.end);
    let previous = 0;
    for (const { events: batch, recordedAt } of batches) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(OPTIONS.maxBatch!);
      expect(recordedAt).toBeGreaterThanOrEqual(previous);
      expect(recordedAt).toBeGreaterThan(Math.max(...batch.map(({ time }) => Date.parse(time))));
      previous = recordedAt;
    }
  });
});

describe('historyWorkload', () => {
  it('measures a quarter, a half and all of HISTORY_EVENTS', () => {
    expect(historySizes(historyWorkload({ HISTORY_EVENTS: '2_000_000' }))).toEqual([500_000, 1_000_000, 2_000_000]);
  });

  it('names the variable and the value it cannot read', () => {
    expect(() => historyWorkload({ HISTORY_DAYS: 'a year' })).toThrow('HISTORY_DAYS must be a whole number >= 1, got "a year"');
  });
});
