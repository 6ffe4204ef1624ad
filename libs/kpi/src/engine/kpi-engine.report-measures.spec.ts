import { describe, expect, it } from '@jest/globals';

import { type KpiEngineEvent } from './engine-event.js';
import { KpiEngine, type KpiEngineOptions } from './kpi-engine.js';
import { isReportOnly } from './measures.js';
import { FROM, HISTORY, TO, fingerprint, slicesUsed } from './testing/determinism-fixtures.js';

function engineOf(events: readonly KpiEngineEvent[], options: KpiEngineOptions): KpiEngine {
  const engine = new KpiEngine(options);
  engine.applyAll(events);
  return engine;
}

function reportOnlyMeasuresHeld(engine: KpiEngine): string[] {
  return [...new Set(engine.toJSON().buckets.map(({ measure }) => measure).filter(isReportOnly))];
}

describe('an engine that leaves out the report measures (KpiEngineOptions.reportMeasures: false, for an asOf answer)', () => {
  const full = engineOf(HISTORY, {});
  const slices = slicesUsed(full);
  const lean = engineOf(HISTORY, { reportMeasures: false });
  const expected = fingerprint(full, slices);

  it('answers every KPI, series and current, as an engine that keeps them', () => {
    expect(fingerprint(lean, slices)).toEqual(expected);
  });

  it('folds nothing into them, where the full engine does', () => {
    expect(full.keepsReportMeasures).toBe(true);
    expect(reportOnlyMeasuresHeld(full)).toEqual(expect.arrayContaining(['releaseTimeBins', 'releaseTimeGreen']));
    expect(lean.keepsReportMeasures).toBe(false);
    expect(reportOnlyMeasuresHeld(lean)).toEqual([]);
  });

  it('holds none of their stored rows when restored, and answers as the engine that stored them', () => {
    const restored = KpiEngine.fromJSON(full.toJSON(), { reportMeasures: false });
    expect(reportOnlyMeasuresHeld(restored)).toEqual([]);
    expect(fingerprint(restored, slices)).toEqual(expected);
  });

  it('refuses to read them, rather than answer a report with nothing', () => {
    const [from, to] = [Date.parse(FROM), Date.parse(TO)];
    expect([...(full.measureDays('releaseTimeBins', '', from, to).held?.buckets() ?? [])].length).toBeGreaterThan(0);
    expect(() => lean.measureDays('releaseTimeBins', '', from, to)).toThrow('this KPI engine leaves out the report measures, so it cannot read releaseTimeBins');
    // a KPI's own measure reads as ever
    expect([...(lean.measureDays('releaseTime', '', from, to).held?.buckets() ?? [])].length).toBeGreaterThan(0);
  });

  it('cannot be drained into a read model, which would lack the report measures from then on', () => {
    expect(() => engineOf(HISTORY.slice(0, 10), { reportMeasures: false }).drainDirty()).toThrow(
      'a KPI engine that leaves out the report measures cannot be drained into a read model',
    );
  });
});
