import { type KpiThresholds } from '@customs-pulse/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The OpenAPI shape of a KPI's alert thresholds (kpis.md), in the KPI's unit. */
@ApiSchema({ name: 'KpiThresholds' })
export class KpiThresholdsSchema implements KpiThresholds {
  @ApiProperty({ type: Number, minimum: 0, description: 'Crossing it in the bad direction raises a warning alert', example: 48 })
  readonly warning!: number;

  @ApiProperty({ type: Number, minimum: 0, description: 'Crossing it in the bad direction raises (or escalates to) a critical alert', example: 72 })
  readonly critical!: number;
}
