import { type KpiId } from '@customs-pulse/domain';
import { type KpiFilters } from '@customs-pulse/kpi';

import { type LiveSubscription } from '../subscriptions/live-subscription.js';

/** Dependency-injection token for the {@link LiveSnapshots} port. */
export const LIVE_SNAPSHOTS = Symbol('LiveSnapshots');

/** One KPI's current value under one slice, as a `subscribe` acknowledgement lists it (api.md). */
export interface LiveValue {
  readonly kpiId: KpiId;
  readonly filters: KpiFilters;
  readonly value: number | null;
  readonly n: number;
}

/** The current values a subscription starts from, and the store position they were read at. */
export interface LiveSnapshot {
  readonly position: number;
  readonly values: readonly LiveValue[];
}

/**
 * Where the gateway reads the snapshot a `subscribe` is acknowledged with: the live projection when it shares the
 * process, the read model when it does not.
 */
export interface LiveSnapshots {
  /** The current value of each KPI of `subscription` under its filters, all read at one position. */
  snapshot(subscription: LiveSubscription): Promise<LiveSnapshot>;
}
