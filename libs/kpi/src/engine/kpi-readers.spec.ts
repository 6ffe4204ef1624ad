import { describe, expect, it } from '@jest/globals';
import { anEventOfType, realisticHistory } from '@customs-pulse/testing';
import { KPI_CATALOGUE, kpiById } from '@customs-pulse/domain';

import { KpiEngine } from './kpi-engine.js';
import { KPI_READERS, type BucketKpiId } from './kpi-readers.js';
import { dimensionsOf, filtersOfSlice } from './slices.js';
import { stored } from './testing/stored-events.js';

describe('the engine and the KPI catalogue', () => {
  it('reads every KPI of the catalogue: backlog as a running sum, every other one from a measure', () => {
    const readers = Object.keys(KPI_READERS).sort();
    const catalogue = KPI_CATALOGUE.map((kpi) => kpi.id).filter((id) => id !== 'backlog').sort();
    expect(readers).toEqual(catalogue);
  });

  it('keeps each KPI in no slice dimension the catalogue does not list for it', () => {
    const engine = new KpiEngine();
    for (const { type, subject, data, envelope } of realisticHistory(7, 60)) {
      engine.apply(stored(anEventOfType(type, subject, data, envelope)));
    }
    const dimensionsByMeasure = new Map<string, Set<string>>();
    for (const { measure, slice } of engine.toJSON().buckets) {
      const dimensions = dimensionsByMeasure.get(measure) ?? new Set<string>();
      for (const dimension of dimensionsOf(filtersOfSlice(slice))) dimensions.add(dimension);
      dimensionsByMeasure.set(measure, dimensions);
    }
    for (const kpi of KPI_CATALOGUE) {
      const measure = kpi.id === 'backlog' ? 'backlog' : KPI_READERS[kpi.id as BucketKpiId].measure;
      const kept = [...(dimensionsByMeasure.get(measure) ?? [])].sort();
      expect({ kpi: kpi.id, dimensions: kept }).toEqual({ kpi: kpi.id, dimensions: [...kpiById(kpi.id).slices].sort() });
    }
  });
});
