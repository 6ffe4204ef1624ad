import { KPI_DIMENSIONS, KPI_DIRECTIONS, KPI_IDS, KPI_UNITS } from '@customs-pulse/domain';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { ReportPeriodSchema } from './report-period.schema.js';

/** A KPI value over the period with the observations behind it. */
@ApiSchema({ name: 'PmmValue' })
export class PmmValueSchema {
  @ApiProperty({ type: Number, nullable: true, description: 'null for a mean, share, ratio or percentile over nothing' })
  readonly value!: number | null;

  @ApiProperty({ type: 'integer' })
  readonly n!: number;
}

@ApiSchema({ name: 'PmmOfficeValue' })
export class PmmOfficeValueSchema extends PmmValueSchema {
  @ApiProperty({ type: String, example: 'UZ-TAS' })
  readonly office!: string;
}

@ApiSchema({ name: 'PmmKpi' })
export class PmmKpiSchema {
  @ApiProperty({ enum: [...KPI_IDS] })
  readonly kpiId!: string;

  @ApiProperty({ type: String })
  readonly name!: string;

  @ApiProperty({ enum: [...KPI_UNITS] })
  readonly unit!: string;

  @ApiProperty({ enum: [...KPI_DIRECTIONS] })
  readonly direction!: string;

  @ApiProperty({ type: String, description: "kpis.md's definition" })
  readonly definition!: string;

  @ApiProperty({ type: () => PmmValueSchema, description: 'Over the period, merged exactly; backlog at the end of the period' })
  readonly total!: PmmValueSchema;

  @ApiProperty({ type: () => [PmmOfficeValueSchema], description: 'The offices with an observation in some KPI over the period, by id; the same list under every KPI' })
  readonly offices!: PmmOfficeValueSchema[];
}

@ApiSchema({ name: 'PmmDimension' })
export class PmmDimensionSchema {
  @ApiProperty({ enum: [...KPI_DIMENSIONS] })
  readonly dimension!: string;

  @ApiProperty({ type: () => [PmmKpiSchema] })
  readonly kpis!: PmmKpiSchema[];
}

/** The OpenAPI shape of `GET /api/reports/pmm` in JSON. */
@ApiSchema({ name: 'PmmReport' })
export class PmmReportSchema {
  @ApiProperty({ type: () => ReportPeriodSchema })
  readonly period!: ReportPeriodSchema;

  @ApiPropertyOptional({ type: String, description: 'Present when asked with asOf' })
  readonly asOf?: string;

  @ApiProperty({ type: 'integer', description: 'The store position the report was computed from' })
  readonly position!: number;

  @ApiProperty({ type: () => [PmmDimensionSchema], description: 'The four PMM dimensions, each KPI in catalogue order' })
  readonly dimensions!: PmmDimensionSchema[];
}
