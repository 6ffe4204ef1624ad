/**
 * The source of "now". Injected wherever time matters (the future-skew rule of ingest, alert timestamps, ...)
 * so that tests can pin it instead of racing the wall clock.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The wall clock of the machine: what production runs on. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** Dependency-injection token under which the application provides its {@link Clock}. */
export const CLOCK = Symbol('Clock');
