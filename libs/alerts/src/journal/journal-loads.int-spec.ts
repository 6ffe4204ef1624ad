import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EventStore } from '@customs-pulse/event-store';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { TargetJournal, targetSet } from '@customs-pulse/kpi';
import { storeLongLog } from '@customs-pulse/testing';

import { AlertJournal } from './alert-journal.js';

const SILENT = { warn: () => undefined, error: () => undefined };
const PLAN = {
  objective: 'Faster releases',
  kpiId: 'release_time_mean' as const,
  filters: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  target: 6,
  deadline: '2026-12-31',
  milestones: [],
};

/** The store, counting the events each kind of read hands over. */
function counted(store: EventStore): { store: EventStore; read: { all: number; ofTypes: number } } {
  const read = { all: 0, ofTypes: 0 };
  const counting = Object.create(store) as EventStore;
  counting.readAll = async (after, limit) => {
    const events = await store.readAll(after, limit);
    read.all += events.length;
    return events;
  };
  counting.readAllOfTypes = async (types, after, limit) => {
    const events = await store.readAllOfTypes(types, after, limit);
    read.ofTypes += events.length;
    return events;
  };
  return { store: counting, read };
}

// Alerts and targets live in streams per alert or target id: a journal's load reads the system's own events of the
// whole log, through the store's index by type, not the producers' events around them (architecture.md, guarantee 7).
describe('the alert and target journals loading a long SQLite log', () => {
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: ':memory:' });
    await storeLongLog(store, 20_000);
    await new TargetJournal({ store }).record(targetSet('faster', 1, PLAN, '2026-03-01T10:00:00.000Z'));
    await storeLongLog(store, 20_000);
  });

  afterAll(async () => {
    await store.close();
  });

  it('TargetJournal reads the one target event among 40,000 others, and holds its target', async () => {
    const { store: watched, read } = counted(store);
    const journal = new TargetJournal({ store: watched });

    await journal.load();

    expect(read).toEqual({ all: 0, ofTypes: 1 });
    expect(journal.ledger.inForce().map((target) => target.id)).toEqual(['faster']);
  });

  it('AlertJournal reads the system events only, none of the 40,000 producer events', async () => {
    const { store: watched, read } = counted(store);
    const journal = new AlertJournal({ store: watched, logger: SILENT });

    await journal.load();

    expect(read).toEqual({ all: 0, ofTypes: 1 });
  });
});
