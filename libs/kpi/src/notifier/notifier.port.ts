import { type KpiId } from '@customs-pulse/domain';

import { type KpiFilters } from '../engine/slices.js';

/**
 * A current value that changed, as dashboards receive it (api.md, `kpi.updated`): computed once by the projector, so
 * that every gateway pushes the same number the REST API answers.
 */
export interface KpiUpdate {
  readonly kpiId: KpiId;
  readonly filters: KpiFilters;
  readonly value: number | null;
  readonly n: number;
  readonly window: { readonly from: string; readonly to: string };
  /** The store position the projection had committed when the value was computed. */
  readonly position: number;
}

/**
 * Where the projector hands the changes it committed (architecture.md): in-process to the gateway when standalone,
 * over Kafka (`customs.kpi-updates.v1`) when distributed. Called after the commit, so a subscriber never sees a value
 * the read model could lose; a value published before a crash may be published again after it.
 */
export interface Notifier {
  publishKpiUpdates(updates: readonly KpiUpdate[]): Promise<void>;
}

/** A notifier that tells nobody: for a projector whose changes no one watches (a rebuild command, a benchmark). */
export const SILENT_NOTIFIER: Notifier = { publishKpiUpdates: async () => undefined };
