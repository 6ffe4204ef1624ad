import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { type DeclarationFacts, attributesOf, emptyDeclarationFacts, finalLaneOf } from './declaration-facts.js';
import { type TypedEngineEvent, asTypedEvent } from './engine-event.js';
import { foldDeclarationEvent } from './fold-declaration-event.js';
import { stored } from './testing/stored-events.js';

const DEC = 'DEC-1';

function factsOf(events: readonly Record<string, unknown>[]): DeclarationFacts {
  return foldAll(events.map((raw) => asTypedEvent(stored(raw))!));
}

function foldAll(events: readonly TypedEngineEvent[]): DeclarationFacts {
  const facts = emptyDeclarationFacts();
  for (const event of events) foldDeclarationEvent(facts, event, Date.parse(event.time));
  return facts;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('declaration facts', () => {
  it('takes the earliest GoodsReleased by time', () => {
    const facts = factsOf([
      anEvent.goodsReleased(DEC, {}, { id: 'a', time: '2026-03-02T12:00:00.000Z' }),
      anEvent.goodsReleased(DEC, {}, { id: 'b', time: '2026-03-02T11:00:00.000Z' }),
    ]);
    expect(facts.released).toEqual({ at: Date.parse('2026-03-02T11:00:00.000Z'), id: 'b', source: 'urn:customs:test' });
  });

  it('breaks a tie in time by the smallest id, then the smallest source', () => {
    const time = '2026-03-02T10:00:00.000Z';
    const facts = factsOf([
      anEvent.declarationLodged(DEC, { officeId: 'OFFICE-Z' }, { id: 'e-2', time }),
      anEvent.declarationLodged(DEC, { officeId: 'OFFICE-A' }, { id: 'e-1', time, source: 'urn:b' }),
      anEvent.declarationLodged(DEC, { officeId: 'OFFICE-B' }, { id: 'e-1', time, source: 'urn:a' }),
    ]);
    expect(facts.lodged?.officeId).toBe('OFFICE-B');
  });

  it('takes finalLane from the latest reroute, ties by the largest id', () => {
    const facts = factsOf([
      anEvent.laneAssigned(DEC, { lane: 'GREEN' }, { time: '2026-03-02T10:00:00.000Z' }),
      anEvent.laneRerouted(DEC, { fromLane: 'GREEN', toLane: 'RED' }, { id: 'r-1', time: '2026-03-02T11:00:00.000Z' }),
      anEvent.laneRerouted(DEC, { fromLane: 'RED', toLane: 'BLUE' }, { id: 'r-3', time: '2026-03-02T12:00:00.000Z' }),
      anEvent.laneRerouted(DEC, { fromLane: 'RED', toLane: 'YELLOW' }, { id: 'r-2', time: '2026-03-02T12:00:00.000Z' }),
    ]);
    expect(finalLaneOf(facts)).toBe('BLUE');
  });

  it('keeps the initial lane as finalLane without a reroute, and has no finalLane without a LaneAssigned', () => {
    expect(finalLaneOf(factsOf([anEvent.laneAssigned(DEC, { lane: 'YELLOW' })]))).toBe('YELLOW');
    expect(finalLaneOf(factsOf([anEvent.laneRerouted(DEC, { fromLane: 'GREEN', toLane: 'RED' })]))).toBeNull();
  });

  it.each([
    ['RED', 'GREEN', true],
    ['YELLOW', 'BLUE', true],
    ['RED', 'YELLOW', false],
    ['GREEN', 'RED', false],
    ['BLUE', 'GREEN', false],
  ] as const)('counts a reroute from %s to %s as a downgrade: %s', (fromLane, toLane, downgraded) => {
    expect(factsOf([anEvent.laneRerouted(DEC, { fromLane, toLane })]).downgraded).toBe(downgraded);
  });

  it('stays downgraded when a later reroute goes back up', () => {
    const facts = factsOf([
      anEvent.laneRerouted(DEC, { fromLane: 'RED', toLane: 'GREEN' }, { time: '2026-03-02T10:00:00.000Z' }),
      anEvent.laneRerouted(DEC, { fromLane: 'GREEN', toLane: 'RED' }, { time: '2026-03-02T11:00:00.000Z' }),
    ]);
    expect(facts.downgraded).toBe(true);
    expect(facts.lastReroute?.toLane).toBe('RED');
  });

  it('is a hit when any ExaminationCompleted found a discrepancy, whichever is earliest', () => {
    const facts = factsOf([
      anEvent.examinationCompleted(DEC, { result: 'NO_FINDING' }, { time: '2026-03-02T10:00:00.000Z' }),
      anEvent.examinationCompleted(DEC, { result: 'DISCREPANCY' }, { time: '2026-03-02T11:00:00.000Z' }),
    ]);
    expect(facts.hit).toBe(true);
    expect(facts.examCompleted?.at).toBe(Date.parse('2026-03-02T10:00:00.000Z'));
  });

  it('is rejected once any DeclarationRejected exists', () => {
    expect(factsOf([anEvent.declarationRejected(DEC)]).rejected).toBe(true);
    expect(factsOf([anEvent.declarationLodged(DEC)]).rejected).toBe(false);
  });

  it('takes officeId and transportMode from the earliest GoodsArrived when nothing was lodged; regime is unknown', () => {
    const facts = factsOf([
      anEvent.goodsArrived(DEC, { officeId: 'OFFICE-2', transportMode: 'SEA' }, { time: '2026-03-02T11:00:00.000Z' }),
      anEvent.goodsArrived(DEC, { officeId: 'OFFICE-1', transportMode: 'AIR' }, { time: '2026-03-02T10:00:00.000Z' }),
    ]);
    expect(attributesOf(facts)).toEqual({ officeId: 'OFFICE-1', transportMode: 'AIR', regime: null });
  });

  it('takes every attribute from the lodgement when there is one', () => {
    const facts = factsOf([
      anEvent.goodsArrived(DEC, { officeId: 'OFFICE-1', transportMode: 'AIR' }),
      anEvent.declarationLodged(DEC, { officeId: 'OFFICE-9', transportMode: 'RAIL', regime: 'TRANSIT' }),
    ]);
    expect(attributesOf(facts)).toEqual({ officeId: 'OFFICE-9', transportMode: 'RAIL', regime: 'TRANSIT' });
  });

  it('keeps each DutiesAssessed and DutiesPaid once, in time order', () => {
    const paid = anEvent.dutiesPaid(DEC, { amount: 50 }, { time: '2026-03-02T12:00:00.000Z' });
    const facts = factsOf([paid, anEvent.dutiesAssessed(DEC, { amount: 80 }, { time: '2026-03-02T11:00:00.000Z' }), paid]);
    expect(facts.duties.map(({ kind, amount }) => [kind, amount])).toEqual([
      ['assessed', 80],
      ['paid', 50],
    ]);
  });

  it('reports no change, and changes nothing, when the same event is folded twice', () => {
    const event = asTypedEvent(stored(anEvent.goodsReleased(DEC, {}, { time: '2026-03-02T12:00:00.000Z' })))!;
    const facts = emptyDeclarationFacts();
    expect(foldDeclarationEvent(facts, event, Date.parse(event.time))).toBe(true);
    const once = structuredClone(facts);
    expect(foldDeclarationEvent(facts, event, Date.parse(event.time))).toBe(false);
    expect(facts).toEqual(once);
  });

  it('gives the same facts for every order of the same events', () => {
    const events = [
      anEvent.goodsArrived(DEC, {}, { time: '2026-03-02T08:00:00.000Z' }),
      anEvent.declarationLodged(DEC, {}, { time: '2026-03-02T09:00:00.000Z' }),
      anEvent.laneAssigned(DEC, { lane: 'RED', basis: 'RANDOM' }, { time: '2026-03-02T09:05:00.000Z' }),
      anEvent.laneRerouted(DEC, { fromLane: 'RED', toLane: 'GREEN' }, { time: '2026-03-02T09:30:00.000Z' }),
      anEvent.examinationCompleted(DEC, { result: 'DISCREPANCY' }, { time: '2026-03-02T10:00:00.000Z' }),
      anEvent.dutiesPaid(DEC, {}, { time: '2026-03-02T11:00:00.000Z' }),
    ];
    const typed = events.map((raw) => asTypedEvent(stored(raw))!);
    const expected = foldAll(typed);
    for (const order of permutations(typed)) expect(foldAll(order)).toEqual(expected);
  });
});
