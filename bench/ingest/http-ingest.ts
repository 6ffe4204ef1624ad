import { eventsPerSecond } from '../harness/measure.js';
import type { AppModules } from './app-modules.js';
import { postAll, prepareBatch, type PreparedBatch } from './batch-client.js';
import { startBenchApp } from './bench-app.js';
import type { HttpFigure } from './ingest-figures.js';
import type { IngestWorkload } from './ingest-workload.js';
import { interleaved, rateOf } from './interleaved-runs.js';
import { inBatches, type ProducerEvent } from './producer-events.js';

/**
 * `POST /api/events` on one app and one new store: untimed warm-up batches, then the timed runs of each number of
 * requests in flight, interleaved, each from its first request to its last 200. Every batch holds events not
 * sent before, so nothing is a duplicate and the log grows across runs.
 */
export async function measureHttpIngest(
  modules: AppModules,
  environment: Record<string, string>,
  events: readonly ProducerEvent[],
  workload: IngestWorkload,
  progress: (line: string) => void,
): Promise<HttpFigure[]> {
  const batches = inBatches(events, workload.batchSize).map(prepareBatch);
  let cursor = 0;
  const take = (count: number): PreparedBatch[] => {
    const taken = batches.slice(cursor, cursor + count);
    if (taken.length < count) throw new Error(`the HTTP workload needs more than the ${events.length} events prepared`);
    cursor += count;
    return taken;
  };

  const app = await startBenchApp(modules, environment);
  try {
    await postAll(app, take(workload.httpWarmupBatches), Math.max(...workload.httpInFlight));
    const runs = await interleaved(
      workload.repeats,
      workload.httpInFlight.map((inFlight) => () => {
        const run = take(workload.httpEventsPerRun / workload.batchSize);
        return eventsPerSecond(workload.httpEventsPerRun, () => postAll(app, run, inFlight));
      }),
    );
    return workload.httpInFlight.map((inFlight, index) => {
      const rate = rateOf(runs[index]!);
      progress(`HTTP, batches of ${workload.batchSize}, ${inFlight} in flight: ${rate.runs.map(Math.round).join(', ')} events/s`);
      return { inFlight, rate };
    });
  } finally {
    await app.close();
  }
}
