import type { ReportPeriod } from '../api/api-types.js';

const DAY_MS = 86_400_000;

/** The days a person chooses, both included, as plain UTC dates (`2026-03-01`). */
export interface ChosenDays {
  readonly first: string;
  readonly last: string;
}

/** Days the Reports view opens on: the 30 UTC days ending with today, today included. */
export const DEFAULT_REPORT_DAYS = 30;

/** The period the view opens on at `now`: {@link DEFAULT_REPORT_DAYS} UTC days ending with today's. */
export function defaultChosenDays(now: number): ChosenDays {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { first: dateOf(today - (DEFAULT_REPORT_DAYS - 1) * DAY_MS), last: dateOf(today) };
}

/**
 * The API's period `[from, to)` for days chosen with both ends included: people name the last day they want, the
 * API the day after it. A date that is not one is passed on as it is, for the API to name what is wrong with it.
 */
export function reportPeriodOf({ first, last }: ChosenDays): ReportPeriod {
  const lastDay = Date.parse(`${last}T00:00:00Z`);
  return { from: first, to: Number.isNaN(lastDay) ? last : dateOf(lastDay + DAY_MS) };
}

function dateOf(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}
