import { type TargetProgress } from './strategic-target.js';

/** A target that left the plan (`TargetRetired`): dashboards drop it. */
export interface RetiredTarget {
  readonly id: string;
  readonly retired: true;
}

/** What `target.updated` carries: the target with its progress, as `GET /api/targets` lists it, or its retirement. */
export type TargetUpdate = TargetProgress | RetiredTarget;

/**
 * Where target changes go to be pushed to operators (api.md, `target.updated`): the live hub when the gateway runs in
 * the same process (standalone), the KPI updates topic from the distributed projector to the gateways. Called after
 * what it reports is stored; a failure costs that push only, the next change carries the target again.
 */
export interface TargetPublisher {
  publishTargetUpdates(updates: readonly TargetUpdate[]): Promise<void>;
}

/** Tells nobody: a gateway, whose pushes come from the projector, or a test. */
export const SILENT_TARGET_PUBLISHER: TargetPublisher = { publishTargetUpdates: async () => undefined };
