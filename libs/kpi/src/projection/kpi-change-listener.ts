import type { RecordedEvent } from '@customs-pulse/event-store';

import { type KpiChanges } from '../engine/kpi-changes.js';

/**
 * Told of each committed batch, its events, the KPI changes they made and `now`, the instant (RFC 3339 UTC) the
 * changes were drained at: the Notifier port's entry (live push, alert rules). Current values are read at that same
 * instant, so the set of changed values and the values agree, and the clock is read once per commit. Called only
 * after the commit, so a listener never sees a change the read model could lose; a batch told before a crash may be
 * told again after it, never lost.
 */
export type KpiChangeListener = (changes: KpiChanges, events: readonly RecordedEvent[], now: string) => void | Promise<void>;

/** What the projector logs through; Nest's `Logger` is one. */
export interface ProjectorLogger {
  warn(message: string): void;
  error(message: string): void;
}
