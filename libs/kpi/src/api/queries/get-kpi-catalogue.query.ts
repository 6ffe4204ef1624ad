import { KPI_CATALOGUE, type KpiDefinition } from '@customs-pulse/domain';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

/** One entry of `GET /api/kpis` (api.md). */
export interface KpiCatalogueEntry {
  readonly id: KpiDefinition['id'];
  readonly name: string;
  readonly dimension: KpiDefinition['dimension'];
  readonly unit: KpiDefinition['unit'];
  readonly direction: KpiDefinition['direction'];
  /** `null` where kpis.md gives no threshold: such a KPI raises no threshold alert. */
  readonly thresholds: { readonly warning: number; readonly critical: number } | null;
  readonly slices: readonly string[];
}

/** The KPI catalogue with its thresholds. */
export class GetKpiCatalogueQuery extends Query<KpiCatalogueEntry[]> {}

@QueryHandler(GetKpiCatalogueQuery)
export class GetKpiCatalogueHandler implements IQueryHandler<GetKpiCatalogueQuery, KpiCatalogueEntry[]> {
  async execute(): Promise<KpiCatalogueEntry[]> {
    return KPI_CATALOGUE.map(({ id, name, dimension, unit, direction, thresholds, slices }) => ({
      id,
      name,
      dimension,
      unit,
      direction,
      thresholds,
      slices,
    }));
  }
}
