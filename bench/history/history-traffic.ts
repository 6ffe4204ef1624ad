import { type NormalizedEvent, validateEvent } from '@customs-pulse/domain';
import type { EventToAppend } from '@customs-pulse/event-store';
import { TrafficSimulation } from '@customs-pulse/simulation';

/** Events ingest would have stored in one `appendMany`, and when it would have stored them. */
export interface RecordedBatch {
  readonly events: readonly EventToAppend[];
  /** Epoch milliseconds: a second after the last of them was due. */
  readonly recordedAt: number;
}

/** The generator's inputs; the same ones give the same batches. */
export interface HistoryTrafficOptions {
  readonly seed: number;
  /** Epoch milliseconds at which the history ends. */
  readonly end: number;
  readonly days: number;
  readonly offices: number;
  /** Stored events wanted over the `days`: sets the daily density. */
  readonly events: number;
  /** Most events per batch. @defaultValue 5000 */
  readonly maxBatch?: number;
  /** Most simulated time a batch spans, so that `recordedAt` stays close to the events' times. @defaultValue 1 hour */
  readonly maxBatchSpanMs?: number;
}

/**
 * Sent events per stored one, as far as the rate given to the simulator goes: its duplicates, conflicting re-sends
 * and malformed copies are sent but not stored. Measured over a year of 8 offices: with 1.02, the stored events fill
 * about 360 of the days asked, so that the largest store spans nearly all of them without running out.
 */
const SENT_PER_STORED = 1.02;

/**
 * The simulator's traffic (libs/simulation: several offices, every producer event type, declarations that are
 * released, seizures, audits and offence cases, late and duplicate sending) over `days`, as ingest would store it:
 * validated as ingest validates them when they are due (malformed copies dropped), in the order they are due, in batches of at most
 * `maxBatch` events and `maxBatchSpanMs` of simulated time. Duplicates and conflicts are kept: the store refuses them.
 */
export function* historyTraffic(options: HistoryTrafficOptions): Generator<RecordedBatch> {
  const { seed, end, days, offices, events, maxBatch = 5_000, maxBatchSpanMs = 3_600_000 } = options;
  const historyRate = (events * SENT_PER_STORED) / (days * 86_400);
  // Rate 0: no live traffic after `end`, only the history before it.
  const traffic = new TrafficSimulation({ seed, start: end, rate: 0, days, historyRate, offices });
  let batch: EventToAppend[] = [];
  let batchStart = -Infinity;
  let lastDue = 0;
  // Ingest validates at receipt: an event from the future (one of the simulator's malformed copies) is refused.
  const receipt = { now: () => new Date(lastDue) };
  for (;;) {
    const due = traffic.takeDue(end - 1, 1_000);
    if (due.length === 0) break;
    for (const { event, dueAt } of due) {
      if (batch.length >= maxBatch || dueAt - batchStart > maxBatchSpanMs) {
        if (batch.length > 0) yield { events: batch, recordedAt: lastDue + 1_000 };
        batch = [];
        batchStart = dueAt;
      }
      lastDue = dueAt;
      const validation = validateEvent(event, { clock: receipt, reportingCurrency: 'USD' });
      if (validation.ok) batch.push(toAppend(validation.event));
    }
  }
  if (batch.length > 0) yield { events: batch, recordedAt: lastDue + 1_000 };
}

/** What a producer sent, as the store is given it: it assigns positions and `recordedAt` itself. */
function toAppend({ id, source, type, subject, time, data, extensions }: NormalizedEvent): EventToAppend {
  return { id, source, type, subject, time, data, extensions } as EventToAppend;
}
