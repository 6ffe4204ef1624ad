import type { RunningApp } from './bench-app.js';

/** A `POST /api/events` body, serialized before the clock starts, and how many events it holds. */
export interface PreparedBatch {
  readonly body: Uint8Array;
  readonly events: number;
}

export function prepareBatch(events: readonly unknown[]): PreparedBatch {
  return { body: Buffer.from(JSON.stringify(events)), events: events.length };
}

/**
 * POSTs every batch, `inFlight` requests at a time (each client sends its next batch when its answer is read),
 * and fails unless every answer is a 200 accepting all the batch's events.
 */
export async function postAll(app: RunningApp, batches: readonly PreparedBatch[], inFlight: number): Promise<void> {
  let next = 0;
  const client = async (): Promise<void> => {
    for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
      const response = await fetch(`${app.url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.ingestToken}` },
        body: batch.body,
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`POST /api/events answered ${response.status}: ${text.slice(0, 500)}`);
      const report = JSON.parse(text) as { accepted: number; duplicates: number; rejected: readonly unknown[] };
      if (report.accepted !== batch.events) {
        throw new Error(`POST /api/events accepted ${report.accepted} of ${batch.events} events: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, client));
}
