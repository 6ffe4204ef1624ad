import { type SimulatedEventKind } from '../events/simulated-event.js';
import { type SinkReceipt } from '../sinks/event-sink.port.js';

/** What a run has sent so far, and what ingest made of it where the sink can tell (HTTP). */
export interface SimulationStats {
  /** Events sent with times before the start: the history backfill. */
  history: number;
  /** Events sent since. */
  live: number;
  byKind: Record<SimulatedEventKind, number>;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export function emptyStats(): SimulationStats {
  return { history: 0, live: 0, byKind: { original: 0, duplicate: 0, invalid: 0, conflict: 0 }, accepted: 0, duplicates: 0, rejected: 0 };
}

export function addReceipt(stats: SimulationStats, receipt: SinkReceipt): void {
  stats.accepted += receipt.accepted ?? 0;
  stats.duplicates += receipt.duplicates ?? 0;
  stats.rejected += receipt.rejected ?? 0;
}

/** One line for the log: `1,234 events (history 1,000, live 234): accepted 1,200, duplicates 12, rejected 3`. */
export function describeStats(stats: SimulationStats): string {
  const count = (value: number): string => value.toLocaleString('en-US');
  const answered = stats.accepted + stats.duplicates + stats.rejected > 0
    ? `: accepted ${count(stats.accepted)}, duplicates ${count(stats.duplicates)}, rejected ${count(stats.rejected)}`
    : '';
  return `${count(stats.history + stats.live)} events (history ${count(stats.history)}, live ${count(stats.live)})${answered}`;
}
