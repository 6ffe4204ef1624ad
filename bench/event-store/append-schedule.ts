import { eventsPerSecond, repeated, type Rate } from '../harness/measure.js';
import type { Workload } from './workload.js';

/** Something that commits one transaction at a time: the event store, or a raw table. */
export interface TransactionTarget<Item, Prepared> {
  /** Turns one transaction's items into what `commit` takes; runs before the clock starts. */
  prepare(items: readonly Item[]): Prepared;
  commit(prepared: Prepared): Promise<void>;
}

export interface AppendFigures {
  readonly batched: Rate;
  readonly single: Rate;
}

/**
 * Writes `items`, in order, as the workload says: warm-up, timed batched runs, timed single runs, then (if `fill`)
 * untimed batches up to `workload.logEvents`. Only the commits are timed, not building the batches.
 */
export async function replayAppends<Item, Prepared>(
  workload: Workload,
  items: readonly Item[],
  target: TransactionTarget<Item, Prepared>,
  progress: (line: string) => void,
  { fill = true }: { fill?: boolean } = {},
): Promise<AppendFigures> {
  let cursor = 0;
  const transactions = (events: number, perTransaction: number): Prepared[] => {
    const prepared: Prepared[] = [];
    for (const end = cursor + events; cursor < end; cursor += perTransaction) {
      prepared.push(target.prepare(items.slice(cursor, Math.min(cursor + perTransaction, end))));
    }
    return prepared;
  };
  const commitAll = async (prepared: readonly Prepared[]): Promise<void> => {
    for (const transaction of prepared) await target.commit(transaction);
  };
  const timed = async (events: number, perTransaction: number): Promise<number> => {
    const prepared = transactions(events, perTransaction);
    return eventsPerSecond(events, () => commitAll(prepared));
  };

  await commitAll(transactions(workload.warmupBatches * workload.batchSize, workload.batchSize));
  await commitAll(transactions(workload.warmupSingles, 1));
  const batched = await repeated(workload.repeats, () => timed(workload.batchedEvents, workload.batchSize));
  progress(`batches of ${workload.batchSize}: ${batched.runs.map(Math.round).join(', ')} events/s`);
  const single = await repeated(workload.repeats, () => timed(workload.singleEvents, 1));
  progress(`batches of 1: ${single.runs.map(Math.round).join(', ')} events/s`);
  if (cursor > workload.logEvents) throw new Error(`the workload appends ${cursor} events, more than logEvents`);
  if (fill) await commitAll(transactions(workload.logEvents - cursor, workload.fillBatchSize));
  return { batched, single };
}

/** Reads one page after `afterPosition`: how many events it held and the last one's position. */
export type PageRead = (afterPosition: number, limit: number) => Promise<{ count: number; lastPosition: number }>;

/** Reads the whole log page by page, once to warm up and then `workload.repeats` timed times. */
export async function scanRate(workload: Workload, readPage: PageRead): Promise<Rate> {
  const scanAll = async (): Promise<number> => {
    let events = 0;
    let after = 0;
    for (;;) {
      const page = await readPage(after, workload.pageSize);
      events += page.count;
      if (page.count < workload.pageSize) return events;
      after = page.lastPosition;
    }
  };
  const warm = await scanAll();
  if (warm !== workload.logEvents) throw new Error(`scan read ${warm} events, expected ${workload.logEvents}`);
  return repeated(workload.repeats, async () => {
    let events = 0;
    const rate = await eventsPerSecond(workload.logEvents, async () => {
      events = await scanAll();
    });
    if (events !== workload.logEvents) throw new Error(`scan read ${events} events, expected ${workload.logEvents}`);
    return rate;
  });
}
