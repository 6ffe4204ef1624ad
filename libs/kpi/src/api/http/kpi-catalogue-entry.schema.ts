import { KPI_DIMENSIONS, KPI_DIRECTIONS, KPI_IDS, KPI_UNITS, type KpiDimension, type KpiDirection, type KpiId, type KpiUnit, SLICE_DIMENSIONS } from '@customs-pulse/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type KpiCatalogueEntry } from '../queries/get-kpi-catalogue.query.js';
import { KpiThresholdsSchema } from './kpi-thresholds.schema.js';

/** The OpenAPI shape of one entry of `GET /api/kpis`. */
@ApiSchema({ name: 'KpiCatalogueEntry' })
export class KpiCatalogueEntrySchema implements KpiCatalogueEntry {
  @ApiProperty({ enum: [...KPI_IDS], example: 'release_time_mean' })
  readonly id!: KpiId;

  @ApiProperty({ type: String, example: 'Mean release time' })
  readonly name!: string;

  @ApiProperty({ enum: [...KPI_DIMENSIONS], description: 'The WCO PMM dimension' })
  readonly dimension!: KpiDimension;

  @ApiProperty({ enum: [...KPI_UNITS] })
  readonly unit!: KpiUnit;

  @ApiProperty({ enum: [...KPI_DIRECTIONS], description: '`up`: higher is better; `down`: lower is better' })
  readonly direction!: KpiDirection;

  @ApiProperty({ type: () => KpiThresholdsSchema, nullable: true, description: 'The thresholds in force; `null` where kpis.md gives none and none was set' })
  readonly thresholds!: KpiThresholdsSchema | null;

  @ApiProperty({ enum: [...SLICE_DIMENSIONS], isArray: true, description: 'The filters this KPI can be asked by' })
  readonly slices!: readonly string[];
}
