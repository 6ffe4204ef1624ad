import { type KpiDefinition } from './kpi-definition.js';
import { DECLARATION_SLICES, OFFICE_SLICES } from './slice-dimensions.js';

/** Organizational development (PMM dimension 4), with the one KPI that measures the platform itself. */
export const ORGANIZATIONAL_DEVELOPMENT_KPIS: readonly KpiDefinition[] = [
  {
    id: 'first_time_acceptance_rate',
    name: 'Data standardization: accepted first time (PMM)',
    dimension: 'organizational_development',
    unit: 'ratio',
    direction: 'up',
    thresholds: { warning: 0.95, critical: 0.9 },
    slices: DECLARATION_SLICES,
    attribution: 'lodgedAt',
    aggregation: 'share',
    emptyValue: null,
  },
  {
    // Stored time minus event time: the only KPI that is not a function of the event set alone (it differs on replay).
    id: 'ingest_lag_p95',
    name: 'Ingest lag',
    dimension: 'organizational_development',
    unit: 'seconds',
    direction: 'down',
    thresholds: { warning: 60, critical: 300 },
    slices: OFFICE_SLICES,
    attribution: 'recordedAt',
    aggregation: 'percentile',
    percentile: 0.95,
    emptyValue: null,
  },
];
