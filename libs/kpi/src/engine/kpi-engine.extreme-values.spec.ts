import { describe, expect, it } from '@jest/globals';
import { anEvent, SeededRandom } from '@customs-pulse/testing';
import { KPI_CATALOGUE } from '@customs-pulse/domain';

import { GRANULARITIES } from './bucket-time.js';
import { type KpiEngineEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { KpiEngine } from './kpi-engine.js';
import { type KpiFilters } from './slices.js';
import { stored } from './testing/stored-events.js';

/** The v1.1 extremes of an amount or quantity (events.md, "Limits on values (v1.1)"), and a few on the way. */
const AMOUNTS = [0, 0.0001, 0.00005, 0.99995, 2 ** 39 + 0.5, 1e12 - 0.0001, 999_999_999_999.9999, ...Array<number>(9).fill(1e12)];
const QUANTITIES = [Number.MIN_VALUE, 0.0001, 1, 1e12];
/** The first accepted time, the last the tests' clock accepts, and an hour that most events share. */
const TIMES = ['0001-01-01T00:00:00.000Z', '2100-01-01T00:05:00.000Z', ...Array<string>(6).fill('2026-03-02T10:30:00.000Z')];
const OFFICES = ['O1', 'O2'];

type Make = (subject: string, officeId: string, amount: () => number, envelope: { time: string }) => Record<string, unknown>;

/** Each type that bears an amount or a quantity. */
const BEARING: readonly Make[] = [
  (subject, officeId, amount, envelope) => anEvent.declarationLodged(subject, { officeId, customsValue: amount(), aeo: amount() > 1 }, envelope),
  (subject, _officeId, amount, envelope) => anEvent.dutiesAssessed(subject, { amount: amount() }, envelope),
  (subject, _officeId, amount, envelope) => anEvent.dutiesPaid(subject, { amount: amount() }, envelope),
  (subject, officeId, amount, envelope) =>
    anEvent.seizureRecorded(subject, { officeId, estimatedValue: amount(), quantity: QUANTITIES[Math.floor(amount()) % 4] }, envelope),
  (subject, _officeId, amount, envelope) => anEvent.offenceCaseClosed(subject, { penaltyAmount: amount() }, envelope),
  (subject, officeId, amount, envelope) => anEvent.postClearanceAuditCompleted(subject, { officeId, additionalAssessed: amount() }, envelope),
];

/** The others that make durations: from the first accepted time to the last. */
const OTHERS: readonly Make[] = [
  (subject, officeId, _amount, envelope) => anEvent.goodsArrived(subject, { officeId }, envelope),
  (subject, _officeId, _amount, envelope) => anEvent.examinationStarted(subject, {}, envelope),
  (subject, _officeId, _amount, envelope) => anEvent.examinationCompleted(subject, {}, envelope),
  (subject, _officeId, _amount, envelope) => anEvent.goodsReleased(subject, {}, envelope),
];

/**
 * Validated once per shape (validation costs far more than the engine), then copied under subjects and ids of their
 * own: the copies are as valid as their shape.
 */
const SHAPES = new Map<string, KpiEngineEvent>();

function validatedAs(subject: string, key: string, make: () => Record<string, unknown>): KpiEngineEvent {
  let shape = SHAPES.get(key);
  if (shape === undefined) SHAPES.set(key, (shape = stored(make())));
  return { ...shape, subject, id: `${shape.id}-${subject}` };
}

/** Random events of every amount- or quantity-bearing type, each value and time an extreme. */
function extremeEvents(random: SeededRandom, count: number, round: number): KpiEngineEvent[] {
  const events: KpiEngineEvent[] = [];
  for (let index = 0; index < count; index += 1) {
    const officeId = random.pick(OFFICES);
    const envelope = { time: random.pick(TIMES) };
    // Amounts each on a subject of their own (a subject's facts are folded again at each of its events); durations
    // on few subjects, from and to the extreme times.
    const [makes, subject] = random.chance(0.85) ? [BEARING, `X${round}-${index}`] : [OTHERS, `Y${round}-${random.between(0, 200)}`];
    const which = random.between(0, makes.length - 1);
    const amount = random.pick(AMOUNTS);
    const key = `${makes === BEARING ? 'B' : 'O'}${which} ${amount} ${officeId} ${envelope.time}`;
    events.push(validatedAs(subject, key, () => makes[which]!('SHAPE', officeId, () => amount, envelope)));
  }
  return events;
}

const FILTERS: readonly KpiFilters[] = [{}, { office: 'O1' }];

/** Every KPI's series in each granularity and slice around the shared hours, and its current value there. */
function values(engine: KpiEngine): unknown[] {
  return KPI_CATALOGUE.flatMap((kpi) => [
    ...GRANULARITIES.flatMap((granularity) =>
      FILTERS.filter((filters) => filters.office === undefined || kpi.slices.includes('office')).map((filters) => engine.series(kpi.id, granularity, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z', filters)),
    ),
    engine.current(kpi.id, '2026-03-02T10:45:00Z'),
  ]);
}

describe('the engine never writes a value it cannot read back (events.md, v1.1 limits)', () => {
  it.each([1, 2])('loads back what it saved after rounds of extreme values, and answers alike (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    const engine = new KpiEngine();
    for (let round = 0; round < 2; round += 1) {
      engine.applyAll(extremeEvents(random, 20_000, round));
      const saved = JSON.stringify(engine.toJSON());
      const loaded = KpiEngine.fromJSON(JSON.parse(saved) as KpiEngineSnapshot);
      expect(JSON.stringify(loaded.toJSON())).toBe(saved);
      expect(values(loaded)).toEqual(values(engine));
    }
    // The shared hour holds sums beyond 2^52 by now: some counters carried.
    const saved = engine.toJSON().buckets.filter((bucket) => bucket.carries !== undefined);
    expect(saved.length).toBeGreaterThan(0);
  });
});
