import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { type KpiEngineEvent } from './engine-event.js';
import { DAY_MS } from './bucket-time.js';
import { type HeldSubjectsPolicy } from './held-subjects.js';
import { KpiEngine } from './kpi-engine.js';
import { DrainedReadModel, HISTORY, SET_KPIS, TO, batches, fingerprint, slicesUsed } from './testing/determinism-fixtures.js';

/** The tightest bound: closed declarations are let go of at once, open ones after a day without events. */
const TIGHT: HeldSubjectsPolicy = { openMaxDays: 1, closedCacheSize: 0 };
/** Long after the history: nothing in it is recent, so every subject the policy allows is let go of. */
const LATER = Date.parse(TO) + 7 * DAY_MS;

/**
 * What the projector does with a bounded engine, batch by batch: bring back the batch's cold subjects from what was
 * committed, apply, commit, let go.
 */
function boundedEngineOf(events: readonly KpiEngineEvent[], random: SeededRandom, policy: HeldSubjectsPolicy = TIGHT): { engine: KpiEngine; letGoPerBatch: number[] } {
  const engine = new KpiEngine();
  engine.boundHeldSubjects(policy, { restoredPartially: false });
  const committed = new DrainedReadModel();
  const letGoPerBatch: number[] = [];
  for (const batch of batches(events, random)) {
    const wanted = engine.subjectsToLoad(batch);
    if (wanted !== null) engine.adopt(committed.subjects(wanted));
    engine.applyAll(batch);
    committed.write(engine.drainDirty());
    letGoPerBatch.push(engine.letGoOfColdSubjects(LATER));
  }
  return { engine, letGoPerBatch };
}

function unboundedEngineOf(events: readonly KpiEngineEvent[]): KpiEngine {
  const engine = new KpiEngine();
  engine.applyAll(events);
  return engine;
}

describe('KpiEngine with bounded held subjects (architecture.md, guarantee 7)', () => {
  const reference = unboundedEngineOf(HISTORY);
  const slices = slicesUsed(reference);
  // `current` as the live projection asks it, at now; a past instant is answered by a replay for `asOf`.
  const expected = fingerprint(reference, slices, [new Date(LATER).toISOString()]);

  it('gives the same series, current values and quality counters as an engine that holds everything', () => {
    const { engine, letGoPerBatch } = boundedEngineOf(HISTORY, new SeededRandom(1));

    expect(fingerprint(engine, slices, [new Date(LATER).toISOString()])).toEqual(expected);
    expect(letGoPerBatch.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(200);
  });

  it.each([2, 3])('gives the same values with the events in a random order, late events bringing subjects back (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    const { engine } = boundedEngineOf(random.shuffled(HISTORY), random);

    expect(fingerprint(engine, slices, [new Date(LATER).toISOString()])).toEqual(expected);
    const { loads, misses } = engine.heldSubjects();
    expect(loads).toBeGreaterThan(100);
    expect(misses).toBeGreaterThanOrEqual(loads);
  });

  it('gives the current values, backlog at now included, at instants inside the history, letting go as of each', () => {
    // In time order, as live traffic comes: `now` follows the events, and subjects closed hours before it go.
    const inTime = [...HISTORY].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    const engine = new KpiEngine();
    engine.boundHeldSubjects(TIGHT, { restoredPartially: false });
    const reference = new KpiEngine();
    const committed = new DrainedReadModel();
    let compared = 0;
    for (let start = 0; start < inTime.length; start += 50) {
      const batch = inTime.slice(start, start + 50);
      const wanted = engine.subjectsToLoad(batch);
      if (wanted !== null) engine.adopt(committed.subjects(wanted));
      engine.applyAll(batch);
      reference.applyAll(batch);
      committed.write(engine.drainDirty());
      // Just after the batch's last event: the hour holding now has backlog deltas of subjects just closed.
      const now = Date.parse(batch.at(-1)!.time) + 1;
      engine.letGoOfColdSubjects(now);
      if ((start / 50) % 5 !== 0) continue;
      const at = new Date(now).toISOString();
      for (const kpi of SET_KPIS) expect([kpi.id, engine.current(kpi.id, at)]).toEqual([kpi.id, reference.current(kpi.id, at)]);
      for (const office of ['UZ-TAS', 'UZ-SAM', 'UZ-AND', 'UZ-NAV']) expect(engine.current('backlog', at, { office })).toEqual(reference.current('backlog', at, { office }));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(5);
    expect(engine.heldSubjects().letGo).toBeGreaterThan(100);
  });

  it('brings subjects back with their backlog moments: the backlog inside an hour is what it was before they went', () => {
    const engine = new KpiEngine();
    engine.boundHeldSubjects(TIGHT, { restoredPartially: false });
    engine.applyAll(HISTORY);
    const committed = new DrainedReadModel();
    committed.write(engine.drainDirty());
    engine.letGoOfColdSubjects(LATER);

    engine.adopt(committed.subjects(engine.subjectsToLoad(HISTORY)!));

    for (const event of HISTORY.filter((_, index) => index % 97 === 0)) {
      const at = new Date(Date.parse(event.time) + 1).toISOString();
      expect(engine.current('backlog', at)).toEqual(reference.current('backlog', at));
    }
  });

  it('holds the open declarations and, of the closed ones, the closed cache only', () => {
    const { engine } = boundedEngineOf(HISTORY, new SeededRandom(4), { openMaxDays: 30, closedCacheSize: 50 });
    const openDeclarations = [...reference.heldDeclarations()].filter(({ facts }) => facts.released === null && facts.cancelled === null).length;

    expect(engine.heldSubjects().declarations).toBe(openDeclarations + 50);
    expect(reference.heldSubjects().declarations).toBeGreaterThan(openDeclarations + 200);
  });

  it('lists subjects restored or read back without hot keys (stored before they existed) as dirty, so that the next commit writes their keys', () => {
    const full = unboundedEngineOf(HISTORY);
    const stored = full.drainDirty();
    const [keyed, legacy] = [stored.declarations[0]!, stored.declarations[1]!];
    const { hot: _hot, ...withoutKeys } = legacy;
    const [legacyCase] = stored.cases.map(({ hot: _caseHot, ...row }) => row);

    const restored = KpiEngine.fromJSON({ declarations: [keyed, withoutKeys], cases: [], buckets: [], quality: {} });
    expect(restored.drainDirty().declarations).toEqual([legacy]);
    const adopting = new KpiEngine();
    adopting.adopt({ declarations: [keyed, withoutKeys], cases: [legacyCase!] });
    const drained = adopting.drainDirty();
    expect(drained.declarations).toEqual([legacy]);
    expect(drained.cases).toEqual([stored.cases[0]]);
  });

  it('reads nothing back until it has let a subject go', () => {
    const engine = new KpiEngine();
    engine.boundHeldSubjects(TIGHT, { restoredPartially: false });

    expect(engine.subjectsToLoad(HISTORY.slice(0, 100))).toBeNull();
  });

  it('asks for every subject it does not hold once restored from a hot selection, whatever it let go of itself', () => {
    const engine = new KpiEngine();
    engine.boundHeldSubjects(TIGHT, { restoredPartially: true });
    const events = HISTORY.slice(0, 100);

    const wanted = engine.subjectsToLoad(events);
    expect(new Set([...wanted!.declarations, ...wanted!.cases])).toEqual(new Set(events.filter((event) => event.type !== 'KpiThresholdChanged').map((event) => event.subject)));
  });

  it('keeps subjects with an event in the two hours before now, and those not yet committed, whatever the policy', () => {
    const engine = new KpiEngine();
    engine.boundHeldSubjects(TIGHT, { restoredPartially: false });
    engine.applyAll(HISTORY);
    const newest = Math.max(...HISTORY.map((event) => Date.parse(event.time)));

    expect(engine.letGoOfColdSubjects(LATER)).toBe(0);
    engine.drainDirty();
    expect(engine.letGoOfColdSubjects(newest)).toBeGreaterThan(0);
    const lastEventAt = new Map<string, number>();
    for (const event of HISTORY) lastEventAt.set(event.subject, Math.max(lastEventAt.get(event.subject) ?? 0, Date.parse(event.time)));
    const recentSince = Math.floor(newest / 3_600_000) * 3_600_000 - 2 * 3_600_000;
    const shouldStay = [...reference.heldDeclarations()].filter(({ subject, facts }) => {
      const last = lastEventAt.get(subject)!;
      return last >= recentSince || (facts.released === null && facts.cancelled === null && last >= newest - DAY_MS);
    });
    expect(shouldStay.length).toBeGreaterThan(0);
    expect(new Set([...engine.heldDeclarations()].map(({ subject }) => subject))).toEqual(new Set(shouldStay.map(({ subject }) => subject)));
  });
});
