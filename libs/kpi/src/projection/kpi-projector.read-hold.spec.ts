import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@customs-pulse/event-store';
import { anEvent, waitUntil } from '@customs-pulse/testing';

import { stored } from '../engine/testing/stored-events.js';
import { KpiProjector } from './kpi-projector.js';

const SILENT = { warn: () => undefined, error: () => undefined };

/** Four events of one declaration, read in one batch once `open` is called. */
function aGatedLog() {
  const events = [
    anEvent.goodsArrived('D1', { officeId: 'UZ-TAS' }, { time: '2026-03-02T08:00:00.000Z' }),
    anEvent.declarationLodged('D1', { officeId: 'UZ-TAS' }, { time: '2026-03-02T09:00:00.000Z' }),
    anEvent.laneAssigned('D1', { lane: 'GREEN' }, { time: '2026-03-02T09:30:00.000Z' }),
    anEvent.goodsReleased('D1', {}, { time: '2026-03-02T10:00:00.000Z' }),
  ].map((raw, index) => ({ ...stored(raw), position: index + 1 }) as unknown as RecordedEvent);
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const log = {
    batchesRead: 0,
    open,
    head: async () => ({ position: events.length, hash: null }),
    async *subscribeAll(after: number): AsyncIterable<readonly RecordedEvent[]> {
      await opened;
      log.batchesRead += 1;
      yield events.filter(({ position }) => position > after);
    },
  };
  return log;
}

/** Gives the event loop `count` turns, each after the I/O and timers then due. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('KpiProjector while a read holds its engine across event-loop turns', () => {
  it('applies nothing until the read settles, then goes on', async () => {
    const log = aGatedLog();
    const readModel = { load: async () => ({ checkpoint: 0, snapshot: null }), commit: async () => undefined, close: async () => undefined };
    const projector = new KpiProjector({ source: log as never, readModel, onChanges: () => undefined, logger: SILENT });
    await projector.start();

    const seen = await projector.hold.during(async () => {
      log.open();
      await waitUntil('the batch is read', () => log.batchesRead === 1);
      await turns(20);
      return { position: projector.appliedPosition, facts: projector.engine.declarationFacts('D1') };
    });

    expect(seen).toEqual({ position: 0, facts: undefined });
    await projector.caughtUp;
    expect(projector.appliedPosition).toBe(4);
    expect(projector.engine.declarationFacts('D1')?.released).not.toBeNull();
    await projector.stop();
  });
});
