import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { TRS_MILESTONES } from '../../declarations/trs-segments.js';
import { ReportPeriodSchema } from './report-period.schema.js';

const HOURS = { type: Number, nullable: true, description: 'Hours; null over nothing' } as const;

@ApiSchema({ name: 'TrsFilters' })
export class TrsFiltersSchema {
  @ApiPropertyOptional({ type: String }) readonly office?: string;
  @ApiPropertyOptional({ type: String }) readonly transportMode?: string;
  @ApiPropertyOptional({ type: String }) readonly regime?: string;
}

@ApiSchema({ name: 'TrsSummary' })
export class TrsSummarySchema {
  @ApiProperty({ type: 'integer' }) readonly n!: number;
  @ApiProperty(HOURS) readonly mean!: number | null;
  @ApiProperty({ ...HOURS, description: 'Nearest-rank median, hours' }) readonly p50!: number | null;
  @ApiProperty({ ...HOURS, description: 'Nearest-rank 90th percentile, hours' }) readonly p90!: number | null;
}

@ApiSchema({ name: 'TrsOverall' })
export class TrsOverallSchema extends TrsSummarySchema {
  @ApiProperty({ type: Number, nullable: true, description: 'Share of release times <= RELEASE_TARGET_HOURS' }) readonly withinTarget!: number | null;
}

@ApiSchema({ name: 'TrsSegmentFigures' })
export class TrsSegmentSchema {
  @ApiProperty({ enum: [...TRS_MILESTONES] }) readonly from!: string;
  @ApiProperty({ enum: [...TRS_MILESTONES] }) readonly to!: string;
  @ApiProperty({ type: 'integer' }) readonly n!: number;
  @ApiProperty(HOURS) readonly mean!: number | null;
  @ApiProperty(HOURS) readonly median!: number | null;
}

@ApiSchema({ name: 'TrsBreakdownRow' })
export class TrsBreakdownRowSchema extends TrsSummarySchema {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'boolean' }], description: 'A boolean for aeo and preArrival' }) readonly key!: string | boolean;
}

@ApiSchema({ name: 'TrsBreakdowns' })
export class TrsBreakdownsSchema {
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly finalLane!: TrsBreakdownRowSchema[];
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly transportMode!: TrsBreakdownRowSchema[];
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly regime!: TrsBreakdownRowSchema[];
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly office!: TrsBreakdownRowSchema[];
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly aeo!: TrsBreakdownRowSchema[];
  @ApiProperty({ type: () => [TrsBreakdownRowSchema] }) readonly preArrival!: TrsBreakdownRowSchema[];
}

@ApiSchema({ name: 'TrsDistributionBin' })
export class TrsDistributionBinSchema {
  @ApiProperty({ type: Number, description: 'Inclusive' }) readonly fromHours!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Exclusive; null for the last bin' }) readonly toHours!: number | null;
  @ApiProperty({ type: 'integer' }) readonly count!: number;
}

@ApiSchema({ name: 'TrsTrendDay' })
export class TrsTrendDaySchema {
  @ApiProperty({ type: String, description: 'UTC midnight' }) readonly day!: string;
  @ApiProperty({ type: 'integer' }) readonly n!: number;
  @ApiProperty(HOURS) readonly mean!: number | null;
  @ApiProperty(HOURS) readonly median!: number | null;
}

@ApiSchema({ name: 'TrsOutlier' })
export class TrsOutlierSchema {
  @ApiProperty({ type: String }) readonly subject!: string;
  @ApiProperty({ type: Number }) readonly hours!: number;
  @ApiProperty({ type: String, nullable: true }) readonly office!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly finalLane!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly transportMode!: string | null;
}

/** The OpenAPI shape of `GET /api/reports/trs` in JSON. */
@ApiSchema({ name: 'TrsReport' })
export class TrsReportSchema {
  @ApiProperty({ type: () => ReportPeriodSchema }) readonly period!: ReportPeriodSchema;
  @ApiProperty({ type: () => TrsFiltersSchema }) readonly filters!: TrsFiltersSchema;
  @ApiPropertyOptional({ type: String, description: 'Present when asked with asOf' }) readonly asOf?: string;
  @ApiProperty({ type: 'integer' }) readonly position!: number;
  @ApiProperty({ type: () => TrsOverallSchema }) readonly overall!: TrsOverallSchema;
  @ApiProperty({ type: () => [TrsSegmentSchema] }) readonly segments!: TrsSegmentSchema[];
  @ApiProperty({ type: () => TrsBreakdownsSchema }) readonly breakdowns!: TrsBreakdownsSchema;
  @ApiProperty({ type: () => [TrsDistributionBinSchema] }) readonly distribution!: TrsDistributionBinSchema[];
  @ApiProperty({ type: () => [TrsTrendDaySchema], description: 'Every UTC day of the period' }) readonly trend!: TrsTrendDaySchema[];
  @ApiProperty({ type: () => [TrsOutlierSchema], description: 'The 20 longest, longest first, ties by subject' }) readonly outliers!: TrsOutlierSchema[];
}
