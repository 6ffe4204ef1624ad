import { type EventDataByType, type ProducerEventType } from '@customs-pulse/domain';
import { type TraderRegister } from '../administration/traders.js';
import { type SeededRandom } from '../random/seeded-random.js';
import { type EventPlanner } from '../traffic/event-planner.js';

/** What every journey draws from and plans into. */
export interface JourneyContext {
  readonly random: SeededRandom;
  readonly planner: EventPlanner;
  readonly traders: TraderRegister;
  /** The reporting currency, which some events name in their optional `currency`. */
  readonly currency: string;
}

/** One event a journey decided on: its type, when it happens and its `data`. */
export interface JourneyStep<T extends ProducerEventType = ProducerEventType> {
  readonly type: T;
  readonly time: number;
  readonly data: EventDataByType[T];
}

/** A {@link JourneyStep}, typed by its event type. */
export function step<T extends ProducerEventType>(type: T, time: number, data: EventDataByType[T]): JourneyStep {
  return { type, time, data } as JourneyStep;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** The instant `fraction` of the way from `from` to `to`. */
export function between(from: number, to: number, fraction: number): number {
  return from + (to - from) * fraction;
}

/** Money rounded to cents. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
