import { KPI_IDS, type KpiId } from '@customs-pulse/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type CurrentKpisByOffice } from '../queries/get-current-kpis-by-office.query.js';
import { type CurrentKpis } from '../queries/get-current-kpis.query.js';
import { type CurrentKpi } from '../queries/get-kpi-current.query.js';
import { KpiFiltersSchema } from './kpi-filters.schema.js';
import { ApiProjectionPosition } from './projection-position.docs.js';

/** The OpenAPI shape of the window a current value covers. */
@ApiSchema({ name: 'KpiWindow' })
export class KpiWindowSchema {
  @ApiProperty({ type: String, format: 'date-time', description: 'Inclusive' })
  readonly from!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' })
  readonly to!: string;
}

/** The OpenAPI shape of one KPI's value in `GET /api/kpis/current`. */
@ApiSchema({ name: 'KpiValue' })
export class KpiValueSchema {
  @ApiProperty({ enum: [...KPI_IDS] })
  readonly kpiId!: KpiId;

  @ApiProperty({ type: Number, nullable: true, description: '`null` for a mean, share, ratio or percentile with no observation' })
  readonly value!: number | null;

  @ApiProperty({ type: 'integer', description: 'Observations behind the value' })
  readonly n!: number;
}

/** The OpenAPI shape of `GET /api/kpis/:id/current`: the same object live push sends as `kpi.updated`. */
@ApiSchema({ name: 'CurrentKpi' })
export class CurrentKpiSchema extends KpiValueSchema implements CurrentKpi {
  @ApiProperty({ type: () => KpiFiltersSchema })
  readonly filters!: KpiFiltersSchema;

  @ApiProperty({ type: () => KpiWindowSchema, description: 'The 24 hourly buckets ending with the present hour (`backlog`: now)' })
  readonly window!: KpiWindowSchema;

  @ApiProjectionPosition()
  readonly position!: number;
}

/** The OpenAPI shape of `GET /api/kpis/current`. */
@ApiSchema({ name: 'CurrentKpis' })
export class CurrentKpisSchema implements CurrentKpis {
  @ApiProjectionPosition()
  readonly position!: number;

  @ApiProperty({ type: () => [KpiValueSchema], description: 'Every KPI that can be sliced by the filters given' })
  readonly values!: readonly KpiValueSchema[];
}

/** The OpenAPI shape of one office in `GET /api/kpis/current/offices`. */
@ApiSchema({ name: 'OfficeKpis' })
export class OfficeKpisSchema {
  @ApiProperty({ type: String, example: 'UZ-TAS' })
  readonly office!: string;

  @ApiProperty({ type: () => [KpiValueSchema], description: 'Every KPI that can be sliced by office' })
  readonly values!: readonly KpiValueSchema[];
}

/** The OpenAPI shape of `GET /api/kpis/current/offices`. */
@ApiSchema({ name: 'CurrentKpisByOffice' })
export class CurrentKpisByOfficeSchema implements CurrentKpisByOffice {
  @ApiProjectionPosition()
  readonly position!: number;

  @ApiProperty({ type: () => [OfficeKpisSchema], description: 'Every office an event named, in id order' })
  readonly offices!: readonly OfficeKpisSchema[];
}
