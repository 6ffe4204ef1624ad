import { describe, expect, it } from '@jest/globals';

import { KPI_CATALOGUE, kpiById } from './kpi-catalogue.js';
import { type KpiDefinition, type KpiDimension } from './kpi-definition.js';
import { KPI_IDS, type KpiId, isKpiId } from './kpi-ids.js';

/** kpis.md, "Catalogue", copied by hand: id, dimension, unit, direction, warning / critical (`null` for "-"). */
const KPIS_MD: readonly (readonly [string, KpiDimension, string, string, number | null, number | null])[] = [
  ['release_time_mean', 'trade_facilitation', 'hours', 'down', 24, 48],
  ['release_time_p50', 'trade_facilitation', 'hours', 'down', 12, 24],
  ['release_time_p90', 'trade_facilitation', 'hours', 'down', 48, 96],
  ['released_within_target_rate', 'trade_facilitation', 'ratio', 'up', 0.8, 0.6],
  ['processing_time_mean', 'trade_facilitation', 'hours', 'down', 4, 12],
  ['examination_time_mean', 'trade_facilitation', 'hours', 'down', 4, 8],
  ['green_lane_rate', 'trade_facilitation', 'ratio', 'up', 0.7, 0.5],
  ['documentary_check_rate', 'trade_facilitation', 'ratio', 'down', 0.2, 0.3],
  ['physical_inspection_rate', 'trade_facilitation', 'ratio', 'down', 0.1, 0.2],
  ['pre_arrival_rate', 'trade_facilitation', 'ratio', 'up', 0.5, 0.3],
  ['electronic_declaration_rate', 'trade_facilitation', 'ratio', 'up', 0.95, 0.9],
  ['aeo_trade_share', 'trade_facilitation', 'ratio', 'up', 0.3, 0.2],
  ['backlog', 'trade_facilitation', 'count', 'down', 500, 1000],
  ['duties_assessed', 'revenue_collection', 'money', 'up', null, null],
  ['duties_collected', 'revenue_collection', 'money', 'up', null, null],
  ['collection_rate', 'revenue_collection', 'ratio', 'up', 0.95, 0.9],
  ['epayment_share', 'revenue_collection', 'ratio', 'up', 0.8, 0.6],
  ['pca_additional_revenue', 'revenue_collection', 'money', 'up', null, null],
  ['seizures_count', 'enforcement', 'count', 'up', null, null],
  ['seizures_value', 'enforcement', 'money', 'up', null, null],
  ['inspection_hit_rate', 'enforcement', 'ratio', 'up', 0.05, 0.02],
  ['targeting_lift', 'enforcement', 'ratio', 'up', 2, 1],
  ['risk_based_seizure_share', 'enforcement', 'ratio', 'up', 0.6, 0.4],
  ['pca_noncompliance_rate', 'enforcement', 'ratio', 'up', 0.2, 0.1],
  ['lane_downgrade_rate', 'enforcement', 'ratio', 'down', 0.02, 0.05],
  ['first_time_acceptance_rate', 'organizational_development', 'ratio', 'up', 0.95, 0.9],
  ['ingest_lag_p95', 'organizational_development', 'seconds', 'down', 60, 300],
];

const SEIZURE_KPIS = ['seizures_count', 'seizures_value', 'risk_based_seizure_share'];
const OFFICE_ONLY_KPIS = [
  'duties_assessed',
  'duties_collected',
  'collection_rate',
  'epayment_share',
  'pca_additional_revenue',
  'pca_noncompliance_rate',
  'ingest_lag_p95',
];

function definition(id: string): KpiDefinition {
  if (!isKpiId(id)) throw new Error(`${id} is not a KpiId`);
  return kpiById(id);
}

describe('KPI_CATALOGUE', () => {
  it('holds every KPI of kpis.md exactly once, in the order of its tables', () => {
    const ids = KPI_CATALOGUE.map(({ id }) => id);

    expect(ids).toEqual(KPIS_MD.map(([id]) => id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(KPI_IDS).toEqual(ids);
  });

  it.each(KPIS_MD)(
    'defines %s in dimension %s, in %s, %s is better, thresholds %s / %s',
    (id, dimension, unit, direction, warning, critical) => {
      const kpi = definition(id);

      expect(kpi).toMatchObject({ dimension, unit, direction });
      expect(kpi.thresholds).toEqual(warning === null || critical === null ? null : { warning, critical });
    },
  );

  it('puts warning on the good side of critical', () => {
    for (const { id, direction, thresholds } of KPI_CATALOGUE) {
      if (thresholds === null) continue;
      const { warning, critical } = thresholds;
      const goodSide = direction === 'up' ? warning > critical : warning < critical;
      expect({ id, goodSide }).toEqual({ id, goodSide: true });
    }
  });

  it('slices declaration KPIs by office, transport mode and regime; seizures by category; the rest by office', () => {
    for (const { id, slices } of KPI_CATALOGUE) {
      const expected = SEIZURE_KPIS.includes(id)
        ? ['office', 'transportMode', 'category']
        : OFFICE_ONLY_KPIS.includes(id)
          ? ['office']
          : ['office', 'transportMode', 'regime'];
      expect({ id, slices }).toEqual({ id, slices: expected });
    }
  });

  it('answers 0 over nothing for counts and sums, null for means, ratios and percentiles', () => {
    for (const kpi of KPI_CATALOGUE) {
      const countOrSum = kpi.aggregation === 'count' || kpi.aggregation === 'sum' || kpi.aggregation === 'backlog';
      expect({ id: kpi.id, emptyValue: kpi.emptyValue }).toEqual({ id: kpi.id, emptyValue: countOrSum ? 0 : null });
    }
  });

  it('asks the percentile KPIs for p50, p90 and p95', () => {
    const percentiles = KPI_CATALOGUE.flatMap((kpi) =>
      kpi.aggregation === 'percentile' ? [[kpi.id, kpi.percentile]] : [],
    );

    expect(percentiles).toEqual([
      ['release_time_p50', 0.5],
      ['release_time_p90', 0.9],
      ['ingest_lag_p95', 0.95],
    ]);
  });

  it('attributes each KPI to the time of its "at" column', () => {
    const attribution = Object.fromEntries(KPI_CATALOGUE.map(({ id, attribution }) => [id, attribution]));

    expect(attribution).toEqual({
      release_time_mean: 'releasedAt',
      release_time_p50: 'releasedAt',
      release_time_p90: 'releasedAt',
      released_within_target_rate: 'releasedAt',
      processing_time_mean: 'releasedAt',
      examination_time_mean: 'examCompletedAt',
      green_lane_rate: 'laneAssignedAt',
      documentary_check_rate: 'laneAssignedAt',
      physical_inspection_rate: 'laneAssignedAt',
      pre_arrival_rate: 'lodgedAt',
      electronic_declaration_rate: 'lodgedAt',
      aeo_trade_share: 'lodgedAt',
      backlog: 'bucketEnd',
      duties_assessed: 'eventTime',
      duties_collected: 'eventTime',
      collection_rate: 'eventTime',
      epayment_share: 'eventTime',
      pca_additional_revenue: 'eventTime',
      seizures_count: 'eventTime',
      seizures_value: 'eventTime',
      inspection_hit_rate: 'examCompletedAt',
      targeting_lift: 'examCompletedAt',
      risk_based_seizure_share: 'eventTime',
      pca_noncompliance_rate: 'eventTime',
      lane_downgrade_rate: 'laneAssignedAt',
      first_time_acceptance_rate: 'lodgedAt',
      ingest_lag_p95: 'recordedAt',
    } satisfies Record<KpiId, string>);
  });

  it('keeps the ratios of sums kpis.md names apart from shares', () => {
    const ratios = KPI_CATALOGUE.filter(({ aggregation }) => aggregation === 'ratio_of_sums').map(({ id }) => id);

    expect(ratios).toEqual(['aeo_trade_share', 'collection_rate', 'epayment_share']);
    expect(kpiById('targeting_lift').aggregation).toBe('ratio_of_shares');
  });
});

describe('isKpiId and kpiById', () => {
  it('recognize catalogue ids only', () => {
    expect(isKpiId('backlog')).toBe(true);
    expect(isKpiId('Backlog')).toBe(false);
    expect(isKpiId('toString')).toBe(false);
    expect(isKpiId(42)).toBe(false);
    expect(isKpiId(undefined)).toBe(false);
  });

  it('finds each definition by its id', () => {
    for (const kpi of KPI_CATALOGUE) expect(kpiById(kpi.id)).toBe(kpi);
    expect(kpiById('release_time_mean').name).toBe('Average release time (TRS)');
  });
});
