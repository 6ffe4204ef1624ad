import type { EventStore } from '@customs-pulse/event-store';
import { ClearanceEventGenerator, toStreamWrites } from '../event-store/clearance-event-generator.js';
import { eventsPerSecond } from '../harness/measure.js';
import type { AuditWorkload } from './audit-workload.js';

/**
 * Stores `workload.logEvents` generated clearance events through the store's own append path, so that every hash is
 * one the store computed. Generated a batch at a time: a million events held at once would be a gigabyte of heap.
 * @returns the fill rate, events/s (for the record, not a measurement of this suite).
 */
export async function fillLog(store: EventStore, workload: AuditWorkload, progress: (line: string) => void): Promise<number> {
  const generator = new ClearanceEventGenerator();
  const rate = await eventsPerSecond(workload.logEvents, async () => {
    for (let stored = 0; stored < workload.logEvents; stored += workload.fillBatch) {
      await store.appendMany(toStreamWrites(generator.take(Math.min(workload.fillBatch, workload.logEvents - stored))));
      if ((stored + workload.fillBatch) % 100_000 === 0) progress(`filled ${(stored + workload.fillBatch).toLocaleString('en-US')} events`);
    }
  });
  const head = await store.head();
  if (head.position !== workload.logEvents) throw new Error(`the log holds ${head.position} events, expected ${workload.logEvents}`);
  return rate;
}
