import type { EventToAppend } from '@customs-pulse/event-store';
import { toStreamWrites } from './clearance-event-generator.js';

/** How big the generated events are and how many streams a batch touches: what the report says of the load. */
export interface EventSample {
  readonly averageBytes: number;
  readonly smallestBytes: number;
  readonly largestBytes: number;
  readonly writesPerBatch: number;
}

export function describeEvents(events: readonly EventToAppend[], batchSize: number): EventSample {
  const sizes = events.map((event) => Buffer.byteLength(JSON.stringify(event)));
  const batches = Math.floor(events.length / batchSize);
  let writes = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    writes += toStreamWrites(events.slice(batch * batchSize, (batch + 1) * batchSize)).length;
  }
  return {
    averageBytes: sizes.reduce((sum, size) => sum + size, 0) / sizes.length,
    smallestBytes: sizes.reduce((smallest, size) => Math.min(smallest, size)),
    largestBytes: sizes.reduce((largest, size) => Math.max(largest, size)),
    writesPerBatch: writes / batches,
  };
}
