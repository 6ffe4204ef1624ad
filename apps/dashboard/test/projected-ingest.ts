import { expect } from '@jest/globals';
import { waitUntil } from '@customs-pulse/testing';

/** Most events one `POST /api/events` takes (api.md). */
const BATCH = 1_000;

/**
 * Posts `events` to the app at `baseUrl` with an `ingest` token, a batch at a time, expects none rejected, and waits
 * until the KPI projection has applied everything stored: what the page shows next stands on them.
 */
export async function ingestProjected(baseUrl: string, ingestToken: string, events: readonly unknown[]): Promise<void> {
  for (let start = 0; start < events.length; start += BATCH) {
    const response = await fetch(`${baseUrl}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(events.slice(start, start + BATCH)),
    });
    expect(await response.json()).toMatchObject({ rejected: [] });
  }
  await waitUntil('the KPI projection has caught up with the store', async () => {
    const ready = (await (await fetch(`${baseUrl}/health/ready`)).json()) as { kpiProjection?: { position?: number }; store?: { position?: number } };
    return ready.kpiProjection?.position === ready.store?.position;
  }, 20_000);
}
