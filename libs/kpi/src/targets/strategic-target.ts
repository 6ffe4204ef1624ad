import { type KpiId } from '@customs-pulse/domain';

import { type KpiFilters } from '../engine/slices.js';

/** A point of the plan between the baseline and the deadline (targets-and-reports.md, `milestones`). */
export interface TargetMilestone {
  /** `YYYY-MM-DD`, standing for 00:00Z of that day. */
  readonly date: string;
  /** The value the plan expects on that day, in the KPI's unit. */
  readonly value: number;
}

/** The period the baseline value is taken over: UTC midnights, `to` exclusive. */
export interface TargetBaselinePeriod {
  /** RFC 3339 UTC with milliseconds, a midnight. */
  readonly from: string;
  /** RFC 3339 UTC with milliseconds, a midnight, exclusive. */
  readonly to: string;
}

/** What an admin sets (`PUT /api/targets/:id`), as `TargetSet` records it. */
export interface TargetDefinition {
  /** The plan's wording. */
  readonly objective: string;
  readonly kpiId: KpiId;
  /** The KPI's slice. */
  readonly filters: KpiFilters;
  readonly baseline: TargetBaselinePeriod;
  /** The value to reach, in the KPI's unit. */
  readonly target: number;
  /** `YYYY-MM-DD`, standing for 00:00Z of that day. */
  readonly deadline: string;
  /** In date order; empty when the plan has none. */
  readonly milestones: readonly TargetMilestone[];
}

/** A target of the strategic plan: one KPI slice tied to an objective (targets-and-reports.md, "Targets"). */
export interface StrategicTarget extends TargetDefinition {
  /** 1..64 characters of `[a-z0-9-]`, chosen by the admin. */
  readonly id: string;
}

/** How a target stands (targets-and-reports.md, "Progress"). */
export const TARGET_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'insufficient_data'] as const;
/** One of {@link TARGET_STATUSES}. */
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** The progress figures of a target at one instant. */
export interface TargetStanding {
  readonly baselineValue: number | null;
  readonly baselineN: number;
  readonly recentValue: number | null;
  readonly recentN: number;
  /** What the plan expects now; `null` when the baseline value is. */
  readonly expected: number | null;
  /** 0 at the baseline value, 1 at the target; `null` when `recentValue` is. */
  readonly progress: number | null;
  readonly status: TargetStatus;
}

/** A target with its progress, as `GET /api/targets` lists it and `target.updated` pushes it. */
export type TargetProgress = StrategicTarget & TargetStanding;
