import { describe, expect, it } from '@jest/globals';
import { anEvent, SeededRandom } from '@customs-pulse/testing';

import { type KpiEngineEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { KpiEngine } from './kpi-engine.js';
import { bucketValue, march, stored } from './testing/stored-events.js';

/** At and just below the v1.1 cap of 10^12, with fractions a float holds exactly. */
const AMOUNTS = ['1000000000000', '999999999999.5', '999999999999.75', '999999999999.125', '999999999998.0001'];
const PAYMENTS = 10_000;
const HOUR = march(2, '10:00');
const DAY = march(2, '00:00');

/** Exact ten-thousandths of a decimal written with at most 4 decimals. */
function tenThousandths(decimal: string): bigint {
  const [units = '0', fraction = ''] = decimal.split('.');
  return BigInt(units) * 10_000n + BigInt(fraction.padEnd(4, '0'));
}

/** The float nearest to a number of ten-thousandths, by the decimal parser. */
function nearestFloat(sum: bigint): number {
  const text = sum.toString();
  return Number(`${text.slice(0, -4)}.${text.slice(-4)}`);
}

const decimals = Array.from({ length: PAYMENTS }, (_, index) => AMOUNTS[index % AMOUNTS.length]!);
const payments: KpiEngineEvent[] = decimals.map((amount, index) =>
  stored(anEvent.dutiesPaid(`D${index}`, { amount: Number(amount), method: 'ELECTRONIC' }, { time: march(2, `10:${String(index % 60).padStart(2, '0')}`) })),
);
const exactSum = decimals.reduce((sum, decimal) => sum + tenThousandths(decimal), 0n);

function engineOf(events: readonly KpiEngineEvent[]): KpiEngine {
  const engine = new KpiEngine();
  engine.applyAll(events);
  return engine;
}

/** Saved as a read model saves it (JSON text) and loaded back. */
function reloaded(engine: KpiEngine): KpiEngine {
  return KpiEngine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())) as KpiEngineSnapshot);
}

describe('sums beyond 2^53 (events.md, "Limits on values (v1.1)": any number of amounts up to 10^12)', () => {
  it('sums 10,000 payments of about 10^12 exactly, in any order, and reads them as the float nearest the exact sum', () => {
    expect(exactSum / 10_000n > 2n ** 53n).toBe(true);
    const expected = { value: nearestFloat(exactSum), n: PAYMENTS };
    const random = new SeededRandom(10_000);
    for (const order of [payments, random.shuffled(payments)]) {
      const engine = engineOf(order);
      expect(bucketValue(engine, 'duties_collected', 'hour', HOUR)).toEqual(expected);
      expect(bucketValue(engine, 'duties_collected', 'day', DAY)).toEqual(expected);
      expect(engine.current('duties_collected', march(2, '11:00'))).toMatchObject(expected);
      expect(bucketValue(engine, 'epayment_share', 'hour', HOUR)).toEqual({ value: 1, n: PAYMENTS });
    }
  });

  it('saves such a sum in a form it loads back, with the same values and the same form', () => {
    const engine = engineOf(payments);
    const restored = reloaded(engine);
    expect(restored.toJSON()).toEqual(engine.toJSON());
    expect(bucketValue(restored, 'duties_collected', 'hour', HOUR)).toEqual({ value: nearestFloat(exactSum), n: PAYMENTS });
    // And goes on from there exactly.
    restored.apply(stored(anEvent.dutiesPaid('LAST', { amount: 0.0001 }, { time: HOUR })));
    expect(bucketValue(restored, 'duties_collected', 'hour', HOUR).value).toBe(nearestFloat(exactSum + 1n));
  });

  it('saves the same form whatever the order of the payments', () => {
    const random = new SeededRandom(2);
    expect(engineOf(random.shuffled(payments)).toJSON().buckets).toEqual(engineOf(payments).toJSON().buckets);
  });

  it('sums release times of two thousand years exactly, and loads them back', () => {
    const declarations = Array.from({ length: 300 }, (_, index) => [
      stored(anEvent.goodsArrived(`R${index}`, {}, { time: '0001-01-01T00:00:00Z' })),
      stored(anEvent.goodsReleased(`R${index}`, {}, { time: HOUR })),
    ]).flat();
    const spanMs = BigInt(Date.parse(HOUR) - Date.parse('0001-01-01T00:00:00Z'));
    // 300 spans of 6.4e13 ms: beyond 2^53.
    expect(300n * spanMs > 2n ** 53n).toBe(true);
    const engine = reloaded(engineOf(declarations));
    expect(bucketValue(engine, 'release_time_mean', 'hour', HOUR)).toEqual({ value: Number(spanMs) / 3_600_000, n: 300 });
  });
});
