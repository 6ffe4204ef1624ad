/**
 * A clock that starts at a fixed instant and then moves at the wall clock's pace (measured on the monotonic clock, so
 * neither `faketime` nor an NTP step moves it). For tests whose subject needs time to pass, such as the simulator's
 * live traffic, but whose expectations depend on the hour: the simulated working day follows Tashkent time, so a test
 * that started at the real "now" would see a night's history in the evening (UTC) and a day's at noon.
 */
export class PacedClock {
  private readonly offset: number;

  constructor(readonly start: number | string | Date) {
    this.offset = new Date(start).getTime() - performance.now();
  }

  /** The current instant, as the domain's `Clock` port asks. */
  now(): Date {
    return new Date(this.millis());
  }

  /** The current instant in epoch milliseconds, as the simulator's `now` option asks. */
  readonly millis = (): number => Math.round(performance.now() + this.offset);
}

/** 12:00 in Tashkent (UTC+5) on a working day: the simulated traffic's busy hours. */
export const NOON_IN_TASHKENT = '2026-03-10T07:00:00.000Z';
