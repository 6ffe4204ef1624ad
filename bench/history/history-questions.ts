import { SeededRandom } from '@customs-pulse/simulation';

const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The KPI whose series are asked: the headline of the dashboard. */
export const SERIES_KPI = 'release_time_mean';

/** `count` instants drawn evenly at random between `from` and `to` (epoch ms), the same ones on every run. */
export function randomInstants(from: number, to: number, count: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => Math.round(random.uniform(from, to)));
}

/** `GET /api/kpis/current` as things stood at `asOf`. */
export function currentAsOf(asOf: number): string {
  return `/api/kpis/current?asOf=${new Date(asOf).toISOString()}`;
}

/** The hourly series of the 24 hours ending with the hour holding `asOf`, as things stood then. */
export function daySeriesAsOf(asOf: number): string {
  const to = Math.floor(asOf / HOUR) * HOUR + HOUR;
  return `/api/kpis/${SERIES_KPI}/series?granularity=hour&from=${iso(to - DAY)}&to=${iso(to)}&asOf=${iso(asOf)}`;
}

/** The daily series of the 365 days before `end` (a UTC midnight). */
export function yearSeries(end: number): string {
  return `/api/kpis/${SERIES_KPI}/series?granularity=day&from=${iso(end - 365 * DAY)}&to=${iso(end)}`;
}

/** The TRS or PMM report over [from, to) (UTC midnights), optionally as things stood at `asOf`. */
export function report(kind: 'trs' | 'pmm', period: { readonly from: number; readonly to: number }, asOf?: number): string {
  return `/api/reports/${kind}?from=${iso(period.from)}&to=${iso(period.to)}${asOf === undefined ? '' : `&asOf=${iso(asOf)}`}`;
}

/** The whole UTC days holding every event time from `first` to `last`, at most 365 of them (the report's limit is 366). */
export function periodOf(first: string, last: string): { readonly from: number; readonly to: number } {
  const to = Math.floor(Date.parse(last) / DAY) * DAY + DAY;
  const from = Math.max(Math.floor(Date.parse(first) / DAY) * DAY, to - 365 * DAY);
  return { from, to };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
