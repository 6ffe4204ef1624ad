import { type KpiDirection, type KpiThresholds } from '@customs-pulse/domain';

/** One thing wrong with a threshold change, named by its path in the request body. */
export interface ThresholdProblem {
  readonly path: string;
  readonly message: string;
}

/** A checked threshold change, or every problem with it. */
export type ThresholdCheck =
  | { readonly ok: true; readonly thresholds: KpiThresholds }
  | { readonly ok: false; readonly problems: readonly ThresholdProblem[] };

const FIELDS = ['warning', 'critical'] as const;

/**
 * Checks `PUT /api/kpis/:id/thresholds`' body `{warning, critical}` for a KPI of `direction`: both finite numbers
 * >= 0 (no KPI of the catalogue is negative), no other field, and `warning` on the good side of `critical` (below it
 * when lower is better, above it when higher is better). Equal thresholds are refused: the warning would never show.
 */
export function checkThresholdChange(body: Readonly<Record<string, unknown>>, direction: KpiDirection): ThresholdCheck {
  const problems: ThresholdProblem[] = [];
  for (const field of Object.keys(body)) {
    if (!(FIELDS as readonly string[]).includes(field)) problems.push({ path: `body.${field}`, message: 'is not a field of thresholds; send warning and critical only' });
  }
  const [warning, critical] = FIELDS.map((field) => thresholdField(body, field, problems));
  if (warning !== undefined && critical !== undefined) {
    if (direction === 'down' && !(warning < critical)) {
      problems.push({ path: 'body.warning', message: `must be below critical (${critical}): lower is better for this KPI` });
    } else if (direction === 'up' && !(warning > critical)) {
      problems.push({ path: 'body.warning', message: `must be above critical (${critical}): higher is better for this KPI` });
    }
  }
  if (problems.length > 0 || warning === undefined || critical === undefined) return { ok: false, problems };
  return { ok: true, thresholds: { warning, critical } };
}

function thresholdField(body: Readonly<Record<string, unknown>>, field: 'warning' | 'critical', problems: ThresholdProblem[]): number | undefined {
  const value = body[field];
  const path = `body.${field}`;
  if (value === undefined) problems.push({ path, message: 'is required' });
  else if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path, message: 'must be a number' });
  else if (value < 0) problems.push({ path, message: 'must be >= 0' });
  else return value;
  return undefined;
}
