import { KPI_IDS, type KpiId } from '@customs-pulse/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { GRANULARITIES, type Granularity } from '../../engine/bucket-time.js';
import { type SeriesPoint } from '../../engine/kpi-queries.js';
import { type KpiSeries } from '../queries/get-kpi-series.query.js';
import { KpiFiltersSchema } from './kpi-filters.schema.js';
import { ApiProjectionPosition } from './projection-position.docs.js';

/** The OpenAPI shape of one bucket of a series. */
@ApiSchema({ name: 'SeriesPoint' })
export class SeriesPointSchema implements SeriesPoint {
  @ApiProperty({ type: String, format: 'date-time', description: 'The bucket start, RFC 3339 UTC', example: '2026-03-01T12:00:00.000Z' })
  readonly start!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Over an empty bucket 0 for a count or sum, `null` for a mean, share, ratio or percentile (kpis.md)',
  })
  readonly value!: number | null;

  @ApiProperty({ type: 'integer', description: 'Observations behind the value' })
  readonly n!: number;
}

/** The OpenAPI shape of `GET /api/kpis/:id/series`. */
@ApiSchema({ name: 'KpiSeries' })
export class KpiSeriesSchema implements KpiSeries {
  @ApiProperty({ enum: [...KPI_IDS] })
  readonly kpiId!: KpiId;

  @ApiProperty({ enum: [...GRANULARITIES] })
  readonly granularity!: Granularity;

  @ApiProperty({ type: () => KpiFiltersSchema })
  readonly filters!: KpiFiltersSchema;

  @ApiProperty({ type: () => [SeriesPointSchema], description: 'One point per bucket start in [from, to)' })
  readonly points!: readonly SeriesPointSchema[];

  @ApiProjectionPosition()
  readonly position!: number;
}
