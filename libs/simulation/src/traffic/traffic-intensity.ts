/**
 * Events a declaration brings on average, with the seizures, offence cases and audits that follow from it and the
 * producers' duplicates and malformed copies: the live declaration rate is the event rate divided by it. Measured
 * over large samples (traffic-simulation.spec.ts checks the live rate it gives).
 */
export const EVENTS_PER_DECLARATION = 6.2;

const HOUR = 3_600_000;
/** Offices work on Tashkent time (UTC+5). */
const LOCAL_OFFSET_HOURS = 5;

/** Relative traffic by local hour: quiet nights, busy working hours. */
const BY_LOCAL_HOUR = [
  0.35, 0.3, 0.3, 0.3, 0.35, 0.5, 0.8, 1.1, 1.4, 1.6, 1.65, 1.65, 1.5, 1.55, 1.6, 1.55, 1.4, 1.2, 1, 0.85, 0.7, 0.6, 0.5, 0.4,
];
const MEAN = BY_LOCAL_HOUR.reduce((sum, weight) => sum + weight, 0) / BY_LOCAL_HOUR.length;

/** The day's rhythm of the history: how busy the hour holding `epochMs` is, relative to the day's mean of 1. */
export function dailyRhythm(epochMs: number): number {
  const localHour = Math.floor(epochMs / HOUR + LOCAL_OFFSET_HOURS) % 24;
  return BY_LOCAL_HOUR[(localHour + 24) % 24]! / MEAN;
}

/** The busiest hour's {@link dailyRhythm}: the bound the history's arrivals are thinned from. */
export const PEAK_RHYTHM = Math.max(...BY_LOCAL_HOUR) / MEAN;
