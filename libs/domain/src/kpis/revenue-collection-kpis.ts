import { type KpiDefinition } from './kpi-definition.js';
import { OFFICE_SLICES } from './slice-dimensions.js';

/**
 * Revenue collection (PMM dimension 2). Assessments and payments slice by the office of their declaration when it is
 * known; an audit by the office on its own event.
 */
export const REVENUE_COLLECTION_KPIS: readonly KpiDefinition[] = [
  {
    id: 'duties_assessed',
    name: 'Duties assessed',
    dimension: 'revenue_collection',
    unit: 'money',
    direction: 'up',
    thresholds: null,
    slices: OFFICE_SLICES,
    attribution: 'eventTime',
    aggregation: 'sum',
    emptyValue: 0,
  },
  {
    id: 'duties_collected',
    name: 'Duties collected',
    dimension: 'revenue_collection',
    unit: 'money',
    direction: 'up',
    thresholds: null,
    slices: OFFICE_SLICES,
    attribution: 'eventTime',
    aggregation: 'sum',
    emptyValue: 0,
  },
  {
    // Payments in a window can settle earlier assessments, so the ratio can exceed 1.
    id: 'collection_rate',
    name: 'Collection rate',
    dimension: 'revenue_collection',
    unit: 'ratio',
    direction: 'up',
    thresholds: { warning: 0.95, critical: 0.9 },
    slices: OFFICE_SLICES,
    attribution: 'eventTime',
    aggregation: 'ratio_of_sums',
    emptyValue: null,
  },
  {
    // Weighted by amount paid, not by number of payments.
    id: 'epayment_share',
    name: 'E-payment share',
    dimension: 'revenue_collection',
    unit: 'ratio',
    direction: 'up',
    thresholds: { warning: 0.8, critical: 0.6 },
    slices: OFFICE_SLICES,
    attribution: 'eventTime',
    aggregation: 'ratio_of_sums',
    emptyValue: null,
  },
  {
    id: 'pca_additional_revenue',
    name: 'Post-clearance audit yield',
    dimension: 'revenue_collection',
    unit: 'money',
    direction: 'up',
    thresholds: null,
    slices: OFFICE_SLICES,
    attribution: 'eventTime',
    aggregation: 'sum',
    emptyValue: 0,
  },
];
