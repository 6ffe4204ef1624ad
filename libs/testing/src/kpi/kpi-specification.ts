import { expect } from '@jest/globals';
import type { KpiId } from '@customs-pulse/domain';
import { type DeclarationFacts, type Granularity, KpiEngine, type KpiEngineOptions, type KpiFilters, type KpiValue } from '@customs-pulse/kpi';
import { stored } from './stored-event.js';

const BUCKET_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };

/** A KPI value the engine answered, to compare with what kpis.md says it should be. */
export interface KpiValueThen {
  /** What the engine answered: `{ value, n }`. */
  readonly actual: KpiValue;
  /** Asserts the value and its count of observations exactly. */
  equals(expected: KpiValue): void;
}

/** The facts the engine folded for one declaration. */
export interface DeclarationFactsThen {
  /** What the engine holds, `undefined` for a declaration it never saw. */
  readonly actual: Readonly<DeclarationFacts> | undefined;
  /**
   * Asserts the facts named in `expected` (the others may be anything), as `toMatchObject` does: a fact may be given
   * whole or as a matcher, e.g. `{ released: expect.objectContaining({ at }) }`.
   */
  include(expected: Partial<Record<keyof DeclarationFacts, unknown>>): void;
}

/** What a test asks of the engine once the events are projected. */
export interface KpiThen {
  /** The engine itself, for what the `then*` methods do not cover. */
  readonly engine: KpiEngine;
  /** The `current` value of `kpiId` at the instant `now`, over the slice `filters` (the total by default). */
  thenCurrent(kpiId: KpiId, now: string, filters?: KpiFilters): KpiValueThen;
  /** The value of the `granularity` bucket starting at `start` (UTC), over the slice `filters`. */
  thenBucket(kpiId: KpiId, granularity: Granularity, start: string, filters?: KpiFilters): KpiValueThen;
  /** The facts of the declaration `subject`. */
  thenFactsOf(subject: string): DeclarationFactsThen;
}

/** Events the store holds, before the engine projects them. */
export interface KpiGiven {
  /** Projects the events, in the order given, on a fresh engine with `options`. */
  whenProjected(options?: KpiEngineOptions): KpiThen;
}

/**
 * Given/when/then for the KPI engine, after Emmett's `DeciderSpecification`: the events (`anEvent.*`), the
 * projection, then a KPI value or a declaration's facts.
 *
 * @example
 * givenEvents(anEvent.goodsArrived('D1', {}, at('08:00')), anEvent.goodsReleased('D1', {}, at('10:00')))
 *   .whenProjected()
 *   .thenBucket('release_time_mean', 'hour', march(2, '10:00'))
 *   .equals({ value: 2, n: 1 });
 */
export function givenEvents(...events: readonly Readonly<Record<string, unknown>>[]): KpiGiven {
  return {
    whenProjected(options: KpiEngineOptions = {}): KpiThen {
      const engine = new KpiEngine(options);
      for (const event of events) engine.apply(stored(event));
      return thenOf(engine);
    },
  };
}

function thenOf(engine: KpiEngine): KpiThen {
  return {
    engine,
    thenCurrent: (kpiId, now, filters = {}) => {
      const { value, n } = engine.current(kpiId, now, filters);
      return valueThen({ value, n });
    },
    thenBucket: (kpiId, granularity, start, filters = {}) => valueThen(bucketValue(engine, kpiId, granularity, start, filters)),
    thenFactsOf: (subject) => {
      const actual = engine.declarationFacts(subject);
      return {
        actual,
        include: (expected) => {
          expect(actual).toBeDefined();
          expect(actual).toMatchObject(expected);
        },
      };
    },
  };
}

function valueThen(actual: KpiValue): KpiValueThen {
  return { actual, equals: (expected) => expect(actual).toEqual(expected) };
}

/** The value of one bucket: the single point of a series over it. */
export function bucketValue(engine: KpiEngine, kpiId: KpiId, granularity: Granularity, start: string, filters: KpiFilters = {}): KpiValue {
  const to = new Date(Date.parse(start) + BUCKET_MS[granularity]).toISOString();
  const [point] = engine.series(kpiId, granularity, start, to, filters);
  if (point === undefined) throw new Error(`no point at ${start}`);
  return { value: point.value, n: point.n };
}
