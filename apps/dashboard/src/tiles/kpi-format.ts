import type { KpiUnit } from '../api/api-types.js';

/**
 * Ratios that are multipliers rather than shares (kpis.md: a hit rate divided by another), shown as `2.5×`: as a
 * percentage, 250 % would read like a share.
 */
const MULTIPLIERS: ReadonlySet<string> = new Set(['targeting_lift']);

const decimal = (digits: number): Intl.NumberFormat => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const oneDecimal = decimal(1);
const whole = decimal(0);
// en-US: en-GB writes millions as a lower-case m, easily read as metres or minutes.
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/**
 * A KPI value in its unit (kpis.md: durations in hours or seconds, shares as fractions, money in the reporting
 * currency): `3.4 h`, `42 min`, `87.5 %`, `1.2M`, `1,204`, `12.0 s`. `null` (nothing observed) is a dash.
 */
export function formatKpiValue(value: number | null, unit: KpiUnit, kpiId = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'hours':
      if (Math.abs(value) < 1) return `${whole.format(value * 60)} min`;
      if (Math.abs(value) >= 72) return `${oneDecimal.format(value / 24)} d`;
      return `${oneDecimal.format(value)} h`;
    case 'seconds':
      if (Math.abs(value) >= 7_200) return formatKpiValue(value / 3_600, 'hours');
      return Math.abs(value) >= 120 ? `${oneDecimal.format(value / 60)} min` : `${oneDecimal.format(value)} s`;
    case 'ratio':
      return MULTIPLIERS.has(kpiId) ? `${decimal(2).format(value)}×` : `${oneDecimal.format(value * 100)} %`;
    case 'money':
      return Math.abs(value) >= 10_000 ? compact.format(value) : whole.format(value);
    case 'count':
      return whole.format(value);
  }
}

/** A threshold in the KPI's unit, as the tile's hint shows it. */
export function formatThreshold(threshold: number, unit: KpiUnit, kpiId = ''): string {
  return formatKpiValue(threshold, unit, kpiId);
}

/** `n`, the observations behind a value, grouped by thousands. */
export function formatCount(n: number): string {
  return whole.format(n);
}
