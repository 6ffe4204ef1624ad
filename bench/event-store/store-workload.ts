import { contentHash, START, type EventStore, type StreamWrite } from '@customs-pulse/event-store';
import type { Rate } from '../harness/measure.js';
import { replayAppends, scanRate, type AppendFigures } from './append-schedule.js';
import { benchEvents, toStreamWrites } from './clearance-event-generator.js';
import type { Workload } from './workload.js';

/** One stored event as the log's columns hold it, in the adapters' column order: what the raw baselines insert. */
export type LogRow = readonly [
  position: number,
  stream: string,
  revision: number,
  source: string,
  id: string,
  type: string,
  subject: string,
  time: string,
  data: string,
  extensions: string,
  recordedAt: string,
  hash: string,
  contentHash: string,
];

export const LOG_COLUMNS =
  'position, stream, revision, source, id, type, subject, time, data, extensions, recorded_at, hash, content_hash';

export interface StoreFigures extends AppendFigures {
  readonly readAll: Rate;
}

/**
 * Appends (batches of 100, then of 1), fills the log, then times readAll over all of it. The generated events are
 * not held past the appends, so readAll runs on a heap of the size a reader would have.
 */
export async function measureStore(store: EventStore, workload: Workload, progress: (line: string) => void): Promise<StoreFigures> {
  const appends = await replayAppends(
    workload,
    benchEvents(workload),
    {
      prepare: (batch): StreamWrite[] => (batch.length === 1 ? [{ stream: batch[0]!.subject, events: batch }] : toStreamWrites(batch)),
      commit: async (writes) => {
        if (writes.length === 1) await store.append(writes[0]!.stream, writes[0]!.events);
        else await store.appendMany(writes);
      },
    },
    progress,
  );
  const head = await store.head();
  if (head.position !== workload.logEvents) throw new Error(`the log holds ${head.position} events, expected ${workload.logEvents}`);

  const readAll = await scanRate(workload, async (after, limit) => {
    const page = await store.readAll(after, limit);
    return { count: page.length, lastPosition: page.at(-1)?.position ?? after };
  });
  progress(`readAll: ${readAll.runs.map(Math.round).join(', ')} events/s`);
  return { ...appends, readAll };
}

/** The first `count` stored events as column values, for the raw baselines to insert the very same bytes. */
export async function storedRows(store: EventStore, count: number): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  while (rows.length < count) {
    const page = await store.readAll(rows.at(-1)?.[0] ?? START, Math.min(10_000, count - rows.length));
    if (page.length === 0) break;
    for (const event of page) {
      rows.push([
        event.position, event.stream, event.revision, event.source, event.id, event.type, event.subject, event.time,
        JSON.stringify(event.data), JSON.stringify(event.extensions), event.recordedAt, event.hash, contentHash(event),
      ]);
    }
  }
  return rows;
}
