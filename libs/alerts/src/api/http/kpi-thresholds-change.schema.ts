import { KPI_DIRECTIONS, KPI_IDS, type KpiDirection, type KpiId } from '@customs-pulse/domain';
import { KpiThresholdsSchema } from '@customs-pulse/kpi/api';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type KpiThresholdsChange } from '../commands/change-kpi-thresholds.command.js';

/** The OpenAPI shape of the answer of `PUT /api/kpis/:id/thresholds`. */
@ApiSchema({ name: 'KpiThresholdsChange' })
export class KpiThresholdsChangeSchema implements KpiThresholdsChange {
  @ApiProperty({ enum: [...KPI_IDS] })
  readonly kpiId!: KpiId;

  @ApiProperty({ enum: [...KPI_DIRECTIONS], description: '`up`: higher is better; `down`: lower is better' })
  readonly direction!: KpiDirection;

  @ApiProperty({ type: () => KpiThresholdsSchema, description: 'The thresholds now in force' })
  readonly thresholds!: KpiThresholdsSchema;

  @ApiProperty({ type: () => KpiThresholdsSchema, nullable: true, description: 'Those in force before; `null` for a KPI that had none' })
  readonly previous!: KpiThresholdsSchema | null;

  @ApiProperty({ type: Boolean, description: '`false` when the thresholds were already these: nothing was recorded' })
  readonly changed!: boolean;
}
