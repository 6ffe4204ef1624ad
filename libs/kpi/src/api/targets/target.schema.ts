import { KPI_IDS, type KpiId } from '@customs-pulse/domain';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { TARGET_STATUSES, type TargetProgress, type TargetStatus } from '../../targets/strategic-target.js';
import { KpiFiltersSchema } from '../http/kpi-filters.schema.js';

/** The OpenAPI shape of a baseline period. */
@ApiSchema({ name: 'TargetBaseline' })
export class TargetBaselineSchema {
  @ApiProperty({ type: String, description: 'A UTC midnight (`2026-01-01` or `2026-01-01T00:00:00.000Z`), inclusive', example: '2025-01-01T00:00:00.000Z' })
  readonly from!: string;

  @ApiProperty({ type: String, description: 'A UTC midnight, exclusive; at most 366 days after `from`', example: '2026-01-01T00:00:00.000Z' })
  readonly to!: string;
}

/** The OpenAPI shape of a milestone. */
@ApiSchema({ name: 'TargetMilestone' })
export class TargetMilestoneSchema {
  @ApiProperty({ type: String, format: 'date', description: 'Strictly between `baseline.to` and the deadline', example: '2026-06-30' })
  readonly date!: string;

  @ApiProperty({ type: Number, description: "The value expected that day, in the KPI's unit", example: 8 })
  readonly value!: number;
}

/** The OpenAPI shape of the body of `PUT /api/targets/:id`: a target's fields but `id`. */
@ApiSchema({ name: 'TargetDefinition' })
export class TargetDefinitionSchema {
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, example: 'Cut the average release time at Tashkent airport' })
  readonly objective!: string;

  @ApiProperty({ enum: [...KPI_IDS], description: 'A KPI whose unit is hours, seconds or a ratio (a count or sum is refused)', example: 'release_time_mean' })
  readonly kpiId!: KpiId;

  @ApiPropertyOptional({ type: () => KpiFiltersSchema, description: 'The slice, as the KPI allows; `{}` (the default) for the total' })
  readonly filters?: KpiFiltersSchema;

  @ApiProperty({ type: () => TargetBaselineSchema, description: 'The KPI over this period, merged exactly, is the baseline value; it must not be null' })
  readonly baseline!: TargetBaselineSchema;

  @ApiProperty({ type: Number, description: "The value to reach, in the KPI's unit: better than the baseline value in the KPI's direction", example: 6 })
  readonly target!: number;

  @ApiProperty({ type: String, format: 'date', description: 'Later than `baseline.to`; stands for 00:00Z of that day', example: '2026-12-31' })
  readonly deadline!: string;

  @ApiPropertyOptional({ type: () => [TargetMilestoneSchema], description: 'In date order; none by default' })
  readonly milestones?: TargetMilestoneSchema[];
}

/** The OpenAPI shape of a target with its progress: `GET /api/targets` items, `PUT` answers, `target.updated` pushes. */
@ApiSchema({ name: 'TargetProgress' })
export class TargetProgressSchema extends TargetDefinitionSchema implements TargetProgress {
  @ApiProperty({ type: String, pattern: '^[a-z0-9-]{1,64}$', example: 'tas-air-release-time' })
  readonly id!: string;

  @ApiProperty({ type: () => KpiFiltersSchema })
  declare readonly filters: KpiFiltersSchema;

  @ApiProperty({ type: () => [TargetMilestoneSchema] })
  declare readonly milestones: TargetMilestoneSchema[];

  @ApiProperty({ type: Number, nullable: true, description: 'The KPI over the baseline period' })
  readonly baselineValue!: number | null;

  @ApiProperty({ type: 'integer' })
  readonly baselineN!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The KPI over the last `TARGET_WINDOW_DAYS` UTC days, today included' })
  readonly recentValue!: number | null;

  @ApiProperty({ type: 'integer' })
  readonly recentN!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'What the plan expects now: piecewise linear through baseline, milestones and deadline' })
  readonly expected!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '(recentValue - baseline value) / (target - baseline value): 0 at the baseline, 1 at the target' })
  readonly progress!: number | null;

  @ApiProperty({ enum: [...TARGET_STATUSES] })
  readonly status!: TargetStatus;
}
