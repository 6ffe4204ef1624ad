import { abortableDelay, backoffDelays } from '@customs-pulse/backoff';
import { type CloudEventJson } from '../events/simulated-event.js';
import { DeliveryRefusedError, type EventSink, type SimulationLogger, type SinkReceipt } from './event-sink.port.js';

export interface HttpEventSinkOptions {
  /** The app's base URL, e.g. `http://localhost:3000`; events go to `<url>/api/events`. */
  readonly url: string;
  /**
   * A bearer token with the `ingest` role, or what gives the one to send now: a minted token renewed before it
   * expires (api.md bounds a token's life), for runs longer than that.
   */
  readonly token: string | (() => Promise<string>);
  readonly logger?: SimulationLogger;
}

/** Statuses worth retrying: the app is busy, starting or restarting. */
const RETRIED = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * `POST /api/events` (api.md) with a bearer token: one request per batch, retried with capped backoff while the
 * app is unreachable or answers 5xx or 429, so that a restarting app loses nothing. A retried batch is harmless:
 * its stored events come back as duplicates.
 */
export class HttpEventSink implements EventSink {
  private readonly endpoint: string;

  constructor(private readonly options: HttpEventSinkOptions) {
    this.endpoint = new URL('/api/events', options.url).toString();
  }

  async send(events: readonly CloudEventJson[], signal: AbortSignal): Promise<SinkReceipt> {
    const body = JSON.stringify(events);
    const delays = backoffDelays({ initialMs: 250, maxMs: 10_000, multiplier: 2 });
    for (;;) {
      const problem = await this.attempt(body, signal);
      if (typeof problem !== 'string') return problem;
      signal.throwIfAborted();
      const delay = delays.next().value;
      this.options.logger?.warn(`${this.endpoint}: ${problem}; retrying in ${delay} ms`);
      await abortableDelay(delay, signal);
      signal.throwIfAborted();
    }
  }

  async close(): Promise<void> {}

  /** The receipt, or why the attempt may be retried. */
  private async attempt(body: string, signal: AbortSignal): Promise<SinkReceipt | string> {
    const token = typeof this.options.token === 'string' ? this.options.token : await this.options.token();
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal,
      });
    } catch (error) {
      signal.throwIfAborted();
      return `unreachable (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`;
    }
    const text = await response.text();
    if (response.ok) {
      const answer = JSON.parse(text) as { accepted: number; duplicates: number; rejected: readonly unknown[] };
      return { accepted: answer.accepted, duplicates: answer.duplicates, rejected: answer.rejected.length };
    }
    if (RETRIED.has(response.status)) return `answered ${response.status}`;
    throw new DeliveryRefusedError(`${this.endpoint} refused the batch with ${response.status}: ${text.slice(0, 500)}`);
  }
}
