import { describe, expect, it } from '@jest/globals';

import { type TargetDefinition } from './strategic-target.js';
import { TargetLedger, type TargetLedgerEvent } from './target-ledger.js';

const plan = (target: number): TargetDefinition => ({
  objective: 'Faster releases',
  kpiId: 'release_time_mean',
  filters: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  target,
  deadline: '2026-12-31',
  milestones: [],
});

const set = (id: string, position: number, target: number, recordedAt: string): TargetLedgerEvent => ({
  type: 'TargetSet',
  subject: id,
  data: plan(target) as unknown as Record<string, unknown>,
  position,
  recordedAt,
});
const retired = (id: string, position: number, recordedAt: string): TargetLedgerEvent => ({ type: 'TargetRetired', subject: id, data: {}, position, recordedAt });

describe('TargetLedger', () => {
  it('holds the latest TargetSet of each target until it is retired, and tells what each fold changed', () => {
    const ledger = new TargetLedger();
    expect(ledger.fold(set('a', 1, 6, '2026-03-01T10:00:00.000Z'))).toEqual({ kind: 'set', target: { id: 'a', ...plan(6) } });
    ledger.fold(set('b', 2, 5, '2026-03-01T10:00:00.000Z'));
    ledger.fold(set('a', 3, 4, '2026-03-02T10:00:00.000Z'));
    expect(ledger.fold(retired('b', 4, '2026-03-03T10:00:00.000Z'))).toEqual({ kind: 'retired', id: 'b' });
    expect(ledger.inForce()).toEqual([{ id: 'a', ...plan(4) }]);
    expect(ledger.changes('a')).toBe(2);
    expect(ledger.changes('b')).toBe(2);
    expect(ledger.changes('c')).toBe(0);
  });

  it('answers the plan in force at a past instant from the events recorded by then', () => {
    const ledger = new TargetLedger();
    ledger.fold(set('a', 1, 6, '2026-03-01T10:00:00.000Z'));
    ledger.fold(set('b', 2, 5, '2026-03-01T11:00:00.000Z'));
    ledger.fold(set('a', 3, 4, '2026-03-02T10:00:00.000Z'));
    ledger.fold(retired('b', 4, '2026-03-03T10:00:00.000Z'));
    expect(ledger.inForce(Date.parse('2026-03-01T09:59:59.999Z'))).toEqual([]);
    expect(ledger.inForce(Date.parse('2026-03-01T10:00:00.000Z'))).toEqual([{ id: 'a', ...plan(6) }]);
    expect(ledger.inForce(Date.parse('2026-03-02T12:00:00.000Z'))).toEqual([{ id: 'a', ...plan(4) }, { id: 'b', ...plan(5) }]);
    expect(ledger.inForce(Date.parse('2026-03-04T00:00:00.000Z'))).toEqual([{ id: 'a', ...plan(4) }]);
  });

  it('ignores other events and an event folded twice', () => {
    const ledger = new TargetLedger();
    const event = set('a', 1, 6, '2026-03-01T10:00:00.000Z');
    ledger.fold(event);
    expect(ledger.fold(event)).toBeNull();
    expect(ledger.fold({ ...event, type: 'AlertRaised', position: 2 })).toBeNull();
    expect(ledger.changes('a')).toBe(1);
  });

  it('folds in log order whatever order the events come in', () => {
    const ledger = new TargetLedger();
    ledger.fold(set('a', 5, 4, '2026-03-02T10:00:00.000Z'));
    expect(ledger.fold(set('a', 2, 6, '2026-03-01T10:00:00.000Z'))).toBeNull();
    expect(ledger.inForce()).toEqual([{ id: 'a', ...plan(4) }]);
    expect(ledger.changes('a')).toBe(2);
  });
});
