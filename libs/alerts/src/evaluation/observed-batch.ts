import { type KpiId } from '@customs-pulse/domain';

import { type RuledEvent } from '../rules/event-alert.js';

/** A KPI's current value in one slice (the total or an office), as read off the engine at a batch. */
export interface SliceReading {
  readonly kpiId: KpiId;
  /** `{}` for the total, `{office}` for an office. */
  readonly filters: Readonly<Record<string, string>>;
  readonly value: number | null;
  readonly n: number;
}

/** A stored producer event as the event rules see it: `RecordedEvent` satisfies it. */
export interface ObservedEvent extends RuledEvent {
  readonly id: string;
  readonly source: string;
  readonly position: number;
  readonly recordedAt: string;
}

/**
 * What the alert rules judge of one committed KPI batch: everything in it was read off the engine at the batch, so
 * planning from it needs neither the engine nor the clock.
 */
export interface ObservedBatch {
  /** Position of the batch's last event. Threshold alerts raised here carry it in their id. */
  readonly position: number;
  /** When the log reached `position` (that event's `recordedAt`): the instant `readings` were taken at. */
  readonly at: string;
  /** The current values to judge by the threshold rule; empty while the projection replays history. */
  readonly readings: readonly SliceReading[];
  /** The batch's events, for the event rules. */
  readonly events: readonly ObservedEvent[];
  /** The office of each rerouted declaration, where known at `position`. */
  readonly officeOfDeclaration: ReadonlyMap<string, string>;
}
