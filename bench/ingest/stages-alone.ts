import { systemClock, validateEventJson, type EventValidationRules, type NormalizedEvent } from '@customs-pulse/domain';
import type { EventStore } from '@customs-pulse/event-store';
import { toStreamWrites } from '../event-store/clearance-event-generator.js';
import { eventsPerSecond, repeated, type Rate } from '../harness/measure.js';
import type { AppModules } from './app-modules.js';
import type { IngestWorkload } from './ingest-workload.js';
import { BENCH_REPORTING_CURRENCY, inBatches } from './producer-events.js';

/** Untimed batches first, to warm the JIT and the store. */
export const STAGE_WARMUP_BATCHES = 2;

export const BENCH_RULES: EventValidationRules = { clock: systemClock, reportingCurrency: BENCH_REPORTING_CURRENCY };

/** `validateEventJson` of each record value, as the Kafka transport has ingest do it; no store. */
export async function measureValidation(records: readonly Uint8Array[], workload: IngestWorkload): Promise<Rate> {
  validateAll(records.slice(0, STAGE_WARMUP_BATCHES * workload.batchSize));
  return repeated(workload.repeats, (run) => {
    const slice = records.slice(run * workload.stageEventsPerRun, (run + 1) * workload.stageEventsPerRun);
    return eventsPerSecond(slice.length, async () => void validateAll(slice));
  });
}

/** The events the records hold, as validation hands them to the store; fails on any invalid record. */
export function validateAll(records: readonly Uint8Array[]): NormalizedEvent[] {
  return records.map((record, index) => {
    const validation = validateEventJson(record, BENCH_RULES);
    if (!validation.ok) throw new Error(`record ${index} is invalid: ${JSON.stringify(validation.errors)}`);
    return validation.event;
  });
}

/** A stage's timed runs on its own store: `warmUp` once, then `run(n)` handles the n-th slice of its batches. */
export interface StageRuns {
  warmUp(): Promise<void>;
  run(index: number): Promise<number>;
}

/** `appendMany` alone: the records' validated events in batches, one write per declaration as ingest groups them. */
export function appendManyRuns(store: EventStore, events: readonly NormalizedEvent[], workload: IngestWorkload): StageRuns {
  const writes = inBatches(events, workload.batchSize).map(toStreamWrites);
  return batchRuns(writes, workload, async (batch) => void (await store.appendMany(batch)));
}

/**
 * The ingest use case alone (`IngestEventsHandler.execute`: validation, then one `appendMany`), with the record
 * values as candidates, as the Kafka transport passes them. Fails unless every event is accepted.
 */
export function useCaseRuns(modules: AppModules, store: EventStore, records: readonly Uint8Array[], workload: IngestWorkload): StageRuns {
  const handler = new modules.IngestEventsHandler(store, BENCH_RULES);
  const commands = inBatches(records, workload.batchSize).map((batch) => new modules.IngestEventsCommand(batch.map((bytes) => ({ bytes }))));
  return batchRuns(commands, workload, async (command) => {
    const report = await handler.execute(command);
    if (report.accepted !== command.candidates.length) {
      throw new Error(`the use case accepted ${report.accepted} of ${command.candidates.length}: ${JSON.stringify(report.rejected[0])}`);
    }
  });
}

/** Batches handled one after the other; only the timed runs' handling is timed, not building the batches. */
function batchRuns<Batch>(batches: readonly Batch[], workload: IngestWorkload, handle: (batch: Batch) => Promise<void>): StageRuns {
  const perRun = workload.stageEventsPerRun / workload.batchSize;
  if (batches.length < STAGE_WARMUP_BATCHES + workload.repeats * perRun) throw new Error('the stage workload needs more events than the topic holds');
  const handleAll = async (slice: readonly Batch[]): Promise<void> => {
    for (const batch of slice) await handle(batch);
  };
  return {
    warmUp: () => handleAll(batches.slice(0, STAGE_WARMUP_BATCHES)),
    run: (index) => {
      const start = STAGE_WARMUP_BATCHES + index * perRun;
      return eventsPerSecond(workload.stageEventsPerRun, () => handleAll(batches.slice(start, start + perRun)));
    },
  };
}
