import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { KpiEngine } from './kpi-engine.js';
import { engineGiven, march } from './testing/stored-events.js';

describe('the offices an engine can be asked about (offices)', () => {
  it('lists every office an applied event named, by any KPI, once each, in id order', () => {
    const engine = engineGiven([
      anEvent.goodsArrived('D1', { officeId: 'UZ-TAS', transportMode: 'SEA' }, { time: march(2, '08:00') }),
      anEvent.declarationLodged('D1', { officeId: 'UZ-TAS', transportMode: 'SEA', regime: 'IMPORT' }, { time: march(2, '09:00') }),
      anEvent.goodsReleased('D1', {}, { time: march(2, '10:00') }),
      anEvent.seizureRecorded('S1', { officeId: 'UZ-AND', category: 'TOBACCO' }, { time: march(3, '10:00') }),
      // An office id holding the characters a slice key encodes comes back as written.
      anEvent.postClearanceAuditCompleted('A1', { officeId: 'UZ-B&R=1', traderId: 'T-1', finding: 'COMPLIANT' }, { time: march(4, '10:00') }),
    ]);

    expect(engine.offices()).toEqual(['UZ-AND', 'UZ-B&R=1', 'UZ-TAS']);
  });

  it('lists none before any event, and no office for being asked about', () => {
    const engine = engineGiven([]);
    engine.current('release_time_mean', march(2, '10:00'), { office: 'UZ-NEVER' });

    expect(engine.offices()).toEqual([]);
  });

  it('lists an office whose buckets it let go of, and so does an engine restored from what it then holds', () => {
    const engine = engineGiven([
      anEvent.seizureRecorded('S1', { officeId: 'UZ-AND', category: 'TOBACCO' }, { time: march(2, '10:00') }),
      anEvent.goodsArrived('D1', { officeId: 'UZ-TAS', transportMode: 'SEA' }, { time: march(20, '08:00') }),
    ]);
    engine.boundHeldBuckets({ hourlyDays: 1, dailyDays: 2 });
    engine.drainDirty();
    engine.drainChanges();
    const letGo = engine.letGoOfColdBuckets(Date.parse(march(20, '09:00')));
    const held = engine.toJSON();

    expect(letGo).toBeGreaterThan(0);
    expect(held.buckets.some(({ slice }) => slice.includes('UZ-AND'))).toBe(false);
    expect(engine.offices()).toEqual(['UZ-AND', 'UZ-TAS']);
    expect(KpiEngine.fromJSON(held).offices()).toEqual(['UZ-AND', 'UZ-TAS']);
    // What horizons written before they named their slices gave: the offices of the buckets held only.
    const { slices: _slices, ...unnamed } = held.bucketHorizons!;
    expect(KpiEngine.fromJSON({ ...held, bucketHorizons: unnamed }).offices()).toEqual(['UZ-TAS']);
  });
});
