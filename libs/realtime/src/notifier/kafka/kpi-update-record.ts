import { isKpiId } from '@customs-pulse/domain';
import { type KpiUpdate, type TargetUpdate, sliceKey } from '@customs-pulse/kpi';

/**
 * The header that marks a record of the KPI updates topic as a strategic target (`target.updated`) rather than a KPI
 * update: targets travel from the projector to the gateways on the same topic, in the same order as the values they
 * are judged on.
 */
export const UPDATE_KIND_HEADER = 'customs-pulse-update';
export const TARGET_UPDATE_KIND = 'target.updated';

/**
 * The record key of an update: its KPI and slice, so that the updates of one slice keep their order in one
 * partition and a gateway never pushes an older value after a newer one.
 */
export function kpiUpdateKey(update: KpiUpdate): string {
  return `${update.kpiId}|${sliceKey(update.filters)}`;
}

/** The update a record value holds, or `null` for a value that is not one: the topic is ours, but a bad record must not stop a gateway. */
export function kpiUpdateOf(value: Buffer | null): KpiUpdate | null {
  const parsed = jsonObjectOf(value);
  if (parsed === null) return null;
  const update = parsed as Partial<KpiUpdate>;
  const valid =
    typeof update.kpiId === 'string' &&
    isKpiId(update.kpiId) &&
    typeof update.filters === 'object' &&
    update.filters !== null &&
    (update.value === null || typeof update.value === 'number') &&
    typeof update.n === 'number' &&
    typeof update.position === 'number' &&
    typeof update.window?.from === 'string' &&
    typeof update.window?.to === 'string';
  return valid ? (update as KpiUpdate) : null;
}

/** The record key of a target update: its id, so that one target's updates keep their order in one partition. */
export function targetUpdateKey(update: TargetUpdate): string {
  return `target|${update.id}`;
}

/** Whether a record's headers mark it as a target update. */
export function isTargetUpdateRecord(headers: Readonly<Record<string, unknown>> | undefined): boolean {
  const kind = headers?.[UPDATE_KIND_HEADER];
  return kind !== undefined && String(kind) === TARGET_UPDATE_KIND;
}

/** The target update a record value holds, or `null` for a value that is not one. */
export function targetUpdateOf(value: Buffer | null): TargetUpdate | null {
  const update = jsonObjectOf(value);
  if (update === null) return null;
  if (typeof update['id'] !== 'string') return null;
  const valid = update['retired'] === true || (typeof update['kpiId'] === 'string' && isKpiId(update['kpiId']) && typeof update['status'] === 'string');
  return valid ? (update as unknown as TargetUpdate) : null;
}

/** The JSON object a record value holds, or `null` for no value, a value that is not JSON, or another JSON value. */
function jsonObjectOf(value: Buffer | null): Readonly<Record<string, unknown>> | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Readonly<Record<string, unknown>>) : null;
  } catch {
    return null;
  }
}
