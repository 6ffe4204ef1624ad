import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { engineGiven, march } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });

const BACKLOG = [
  // B1: lodged 10:15, released 12:30
  anEvent.declarationLodged('B1', { officeId: 'O1' }, on(2, '10:15')),
  anEvent.goodsReleased('B1', {}, on(2, '12:30')),
  // B2: lodged 10:45, cancelled 11:10
  anEvent.declarationLodged('B2', { officeId: 'O2' }, on(2, '10:45')),
  anEvent.declarationCancelled('B2', {}, on(2, '11:10')),
  // B3: lodged 11:00, still open
  anEvent.declarationLodged('B3', { officeId: 'O1' }, on(2, '11:00')),
  // B4: lodged and released at the same instant: never awaiting release
  anEvent.declarationLodged('B4', { officeId: 'O1' }, on(2, '12:00')),
  anEvent.goodsReleased('B4', {}, on(2, '12:00')),
  // B5: cancelled before it was lodged: never awaiting release, and never below zero in between
  anEvent.declarationCancelled('B5', {}, on(2, '09:00')),
  anEvent.declarationLodged('B5', { officeId: 'O1' }, on(2, '10:00')),
];

describe('backlog: lodged before t, neither released nor cancelled before t', () => {
  const engine = engineGiven(BACKLOG);

  it('is taken at the end of each hourly bucket, with n = the backlog', () => {
    expect(engine.series('backlog', 'hour', march(2, '09:00'), march(2, '14:00'))).toEqual([
      // t = 10:00: nothing lodged before
      { start: march(2, '09:00'), value: 0, n: 0 },
      // t = 11:00: B1, B2 (B3 is lodged at 11:00, not before)
      { start: march(2, '10:00'), value: 2, n: 2 },
      // t = 12:00: B1, B3 (B2 cancelled 11:10)
      { start: march(2, '11:00'), value: 2, n: 2 },
      // t = 13:00: B3 (B1 released 12:30; B4 released at 12:00, as it was lodged)
      { start: march(2, '12:00'), value: 1, n: 1 },
      // t = 14:00: B3
      { start: march(2, '13:00'), value: 1, n: 1 },
    ]);
  });

  it('is taken at the end of each daily bucket', () => {
    expect(engine.series('backlog', 'day', march(1, '00:00'), march(4, '00:00'))).toEqual([
      { start: march(1, '00:00'), value: 0, n: 0 },
      // t = 3 March 00:00: B3
      { start: march(2, '00:00'), value: 1, n: 1 },
      { start: march(3, '00:00'), value: 1, n: 1 },
    ]);
  });

  it('is taken at now itself for current', () => {
    // 11:05: B1, B2, B3 (B2's cancellation at 11:10 is not before 11:05)
    expect(engine.current('backlog', march(2, '11:05')).value).toBe(3);
    // 11:00 exactly: B1, B2 (B3 lodged at 11:00 is not before it)
    expect(engine.current('backlog', march(2, '11:00'))).toMatchObject({ value: 2, n: 2 });
    // 12:00:00.001: B1, B3, and B4 is released at 12:00
    expect(engine.current('backlog', march(2, '12:00:00.001')).value).toBe(2);
    expect(engine.current('backlog', march(2, '23:00')).value).toBe(1);
  });

  it('is sliced by the office of the declaration', () => {
    // t = 11:00 in O1: B1 only; O2: B2
    expect(engine.series('backlog', 'hour', march(2, '10:00'), march(2, '11:00'), { office: 'O1' })).toEqual([
      { start: march(2, '10:00'), value: 1, n: 1 },
    ]);
    expect(engine.current('backlog', march(2, '11:05'), { office: 'O2' }).value).toBe(1);
  });
});
