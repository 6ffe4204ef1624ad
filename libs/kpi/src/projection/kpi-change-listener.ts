import type { RecordedEvent } from '@customs-pulse/event-store';

import { type KpiChanges } from '../engine/kpi-changes.js';

/**
 * Told of each committed batch, its events and the KPI changes they made: the Notifier port's entry (live push,
 * alert rules). Called only after the commit, so a listener never sees a change the read model could lose; a batch
 * told before a crash may be told again after it, never lost.
 */
export type KpiChangeListener = (changes: KpiChanges, events: readonly RecordedEvent[]) => void | Promise<void>;

/** What the projector logs through; Nest's `Logger` is one. */
export interface ProjectorLogger {
  warn(message: string): void;
  error(message: string): void;
}
