import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { engineGiven, march } from '../engine/testing/stored-events.js';
import { currentUpdate, currentUpdates } from './current-updates.js';

const on = (day: number, time: string) => ({ time: march(day, time) });

describe('currentUpdate', () => {
  const engine = engineGiven([
    anEvent.declarationLodged('D1', { officeId: 'O1' }, on(2, '10:15')),
    anEvent.declarationLodged('D2', { officeId: 'O2' }, on(2, '10:45')),
    anEvent.goodsReleased('D2', {}, on(2, '11:10')),
  ]);

  it('reads the value, n and window at the instant and under the filters asked, stamped with the position', () => {
    expect(currentUpdate(engine, 'backlog', { office: 'O1' }, { now: march(2, '11:30'), position: 7 })).toEqual({
      kpiId: 'backlog',
      filters: { office: 'O1' },
      value: 1,
      n: 1,
      window: { from: march(1, '12:00'), to: march(2, '12:00') },
      position: 7,
    });
  });

  it('answers what engine.current answers, so every reader of a current value gives the same number', () => {
    const now = march(2, '11:30');

    expect(currentUpdate(engine, 'backlog', {}, { now, position: 3 })).toEqual({ kpiId: 'backlog', filters: {}, ...engine.current('backlog', now), position: 3 });
  });
});

describe('currentUpdates', () => {
  it('reads each changed (KPI, slice) with the filters of its slice', () => {
    const engine = engineGiven([anEvent.declarationLodged('D1', { officeId: 'O1' }, on(2, '10:15'))]);
    const now = march(2, '11:30');
    const changes = engine.drainChanges(now);

    const updates = currentUpdates(engine, changes, now, 1);

    expect(updates.map(({ kpiId }) => kpiId)).toEqual(changes.current.map(({ kpiId }) => kpiId));
    expect(updates).toContainEqual(currentUpdate(engine, 'backlog', { office: 'O1' }, { now, position: 1 }));
  });
});
