import { KPI_CATALOGUE, type KpiDefinition } from '@customs-pulse/domain';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { KPI_THRESHOLDS, type KpiThresholdsInForce } from '../../thresholds/kpi-thresholds.port.js';

/** One entry of `GET /api/kpis` (api.md). */
export interface KpiCatalogueEntry {
  readonly id: KpiDefinition['id'];
  readonly name: string;
  readonly dimension: KpiDefinition['dimension'];
  readonly unit: KpiDefinition['unit'];
  readonly direction: KpiDefinition['direction'];
  /** The thresholds in force; `null` where kpis.md gives none and none was set: no threshold alert. */
  readonly thresholds: { readonly warning: number; readonly critical: number } | null;
  readonly slices: readonly string[];
}

/** The KPI catalogue with the thresholds in force. */
export class GetKpiCatalogueQuery extends Query<KpiCatalogueEntry[]> {}

@QueryHandler(GetKpiCatalogueQuery)
export class GetKpiCatalogueHandler implements IQueryHandler<GetKpiCatalogueQuery, KpiCatalogueEntry[]> {
  constructor(@Inject(KPI_THRESHOLDS) private readonly thresholdsInForce: KpiThresholdsInForce) {}

  async execute(): Promise<KpiCatalogueEntry[]> {
    return Promise.all(
      KPI_CATALOGUE.map(async ({ id, name, dimension, unit, direction, slices }) => ({
        id,
        name,
        dimension,
        unit,
        direction,
        thresholds: await this.thresholdsInForce.thresholdsOf(id),
        slices,
      })),
    );
  }
}
