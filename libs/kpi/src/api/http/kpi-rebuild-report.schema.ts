import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type KpiRebuildReport } from '../../projection/kpi-projection.js';

/** The OpenAPI shape of `POST /api/kpis/rebuild`. */
@ApiSchema({ name: 'KpiRebuildReport' })
export class KpiRebuildReportSchema implements KpiRebuildReport {
  @ApiProperty({ type: 'integer', description: 'The read-model generation now active' })
  readonly generation!: number;

  @ApiProperty({ type: 'integer', description: 'The position the rebuilt projection had committed when it was swapped in' })
  readonly position!: number;

  @ApiProperty({ type: Number })
  readonly durationMs!: number;
}
