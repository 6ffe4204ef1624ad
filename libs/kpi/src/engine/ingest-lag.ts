import { type MeasureId } from './measures.js';
import { type Observation } from './observation.js';
import { officeSlices } from './slices.js';

/**
 * The ingest lag of stored events (`recordedAt` - `time`, in seconds), at `recordedAt`: the one KPI that depends on
 * arrival, so it is counted per event applied rather than derived from a set of facts (the store's `(source, id)`
 * dedupe keeps re-sends out). Its office is the one known for the event's subject when the event was applied.
 *
 * One observation object is reused for every event, as nothing keeps it: it runs once per event of a replay.
 */
export class IngestLagObservation implements Observation {
  readonly measure: MeasureId = 'ingestLag';
  at = 0;
  slices: readonly string[] = officeSlices(null);
  readonly values: readonly number[] = Object.freeze([1]);
  sample: number | null = null;

  /**
   * Points the observation at one event.
   * @returns `false` for a negative lag (a producer clock ahead of the store's, which events.md tolerates up to 5
   * minutes): left out and counted as a data-quality item, like every negative duration.
   */
  set(timeMs: number, recordedAtMs: number, officeId: string | null): boolean {
    const lagMs = recordedAtMs - timeMs;
    if (lagMs < 0) return false;
    this.at = recordedAtMs;
    this.slices = officeSlices(officeId);
    this.sample = lagMs / 1000;
    return true;
  }
}
