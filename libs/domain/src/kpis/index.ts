export { KPI_CATALOGUE, kpiById } from './kpi-catalogue.js';
export * from './kpi-definition.js';
export { KPI_IDS, type KpiId, isKpiId } from './kpi-ids.js';
export * from './slice-dimensions.js';
