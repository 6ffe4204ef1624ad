import { type AppUnderTest } from './app-under-test.js';

/**
 * Posts events to the app's `POST /api/events` with its ingest token.
 * @throws Error naming the answer unless every event was accepted: a test's history that is refused is a broken test.
 */
export async function ingestAccepted(app: Pick<AppUnderTest, 'baseUrl' | 'tokens'>, events: readonly unknown[]): Promise<void> {
  const response = await fetch(`${app.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.ingest}` },
    body: JSON.stringify(events),
  });
  const answer = (await response.json()) as { accepted?: number; rejected?: unknown[] };
  if (answer.accepted !== events.length || answer.rejected?.length !== 0) {
    throw new Error(`expected all ${events.length} events accepted, got ${response.status} ${JSON.stringify(answer)}`);
  }
}
