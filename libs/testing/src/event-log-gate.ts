import type { EventStore, Position, RecordedEvent, SubscribeOptions } from '@customs-pulse/event-store';

/**
 * Holds back every subscription to the log while shut: a test sees an app whose projection waits (a rebuild that
 * takes its time) for as long as it needs, without sleeping, then {@link open}s it. Appends, reads and heads go
 * straight through.
 *
 * @example
 * const gate = new EventLogGate();
 * await startStandaloneForTest(StandaloneModule, { eventStore: (store) => gate.wrap(store) });
 */
export class EventLogGate {
  private opened: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  /** Subscriptions that start from here on wait, before their first batch, until {@link open}. */
  shut(): void {
    this.opened = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
  }

  /** `store`, its subscriptions held back while the gate is shut. */
  wrap(store: EventStore): EventStore {
    const held = (after: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> => this.held(store, after, options);
    return new Proxy(store, {
      get(target, property) {
        if (property === 'subscribeAll') return held;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  private async *held(store: EventStore, after: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> {
    await untilAborted(this.opened, options?.signal);
    if (options?.signal?.aborted) return;
    yield* store.subscribeAll(after, options);
  }
}

/** `opened`, or sooner once `signal` aborts: a stopping app does not wait for the gate. */
function untilAborted(opened: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return opened;
  return Promise.race([opened, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
}
