import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

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
});
