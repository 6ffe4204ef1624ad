import { describe, it } from '@jest/globals';
import { SeededRandom, anEventOfType, realisticHistory } from '@customs-pulse/testing';

import { KpiEngine } from '../engine/kpi-engine.js';
import { stored } from '../engine/testing/stored-events.js';
import { expectSameTrsReport, trsReportByScan } from './testing/trs-report-by-scan.js';
import { type TrsFilters, trsReportOf } from './trs-report.js';

const DAY_MS = 86_400_000;

/** An engine that applied the history in a shuffled order: late events move declarations in and out of the population. */
function engineOfShuffled(seed: number): KpiEngine {
  const events = realisticHistory(seed, 1_500).map(({ type, subject, data, envelope }) => anEventOfType(type, subject, data, envelope));
  const engine = new KpiEngine();
  for (const raw of new SeededRandom(seed).shuffled(events)) engine.apply(stored(raw));
  engine.drainDirty();
  return engine;
}

describe('the TRS report from daily aggregates (property)', () => {
  const filters: TrsFilters[] = [{}, { office: 'UZ-SAM' }, { transportMode: 'ROAD', regime: 'IMPORT' }, { office: 'UZ-TAS', transportMode: 'AIR', regime: 'TRANSIT' }];
  const periods = [
    { from: Date.parse('2026-03-01T00:00:00.000Z'), to: Date.parse('2026-04-01T00:00:00.000Z') },
    { from: Date.parse('2026-03-03T00:00:00.000Z'), to: Date.parse('2026-03-05T00:00:00.000Z') },
  ];

  it.each([1, 2, 3])('answers what a scan of every declaration answers: counts, means, bins and outliers exact, percentiles within 1% (seed %i)', async (seed) => {
    const engine = engineOfShuffled(seed);
    for (const period of periods) {
      for (const filter of filters) {
        const report = await trsReportOf(engine, null, { period, filters: filter, position: 1 });
        expectSameTrsReport(report, trsReportByScan(engine.heldDeclarations(), period, filter, engine.releaseTargetHours));
      }
    }
  });

  it('answers a period without a release with empty sections, one trend day each', async () => {
    const engine = engineOfShuffled(1);
    const period = { from: Date.parse('2027-01-01T00:00:00.000Z'), to: Date.parse('2027-01-01T00:00:00.000Z') + 3 * DAY_MS };
    expectSameTrsReport(await trsReportOf(engine, null, { period, filters: {}, position: 1 }), trsReportByScan(engine.heldDeclarations(), period, {}, engine.releaseTargetHours));
  });
});
