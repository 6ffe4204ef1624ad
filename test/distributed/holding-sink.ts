import type { CloudEventJson, EventSink, SinkReceipt } from '@customs-pulse/simulation';

/**
 * A sink in front of another that holds the run at a chosen point: once `holdAfter` events went through, the next
 * delivery waits until {@link release}. A test acts there (kills a process) knowing exactly what was sent before
 * and that the rest comes after, instead of guessing with timers.
 */
export class HoldingSink implements EventSink {
  /** Every event delivered, in order. */
  readonly sent: CloudEventJson[] = [];
  /** Resolves when the run reaches the hold. */
  readonly held: Promise<void>;
  private reachHold!: () => void;
  private releaseHold!: () => void;
  private readonly released: Promise<void>;

  constructor(
    private readonly sink: EventSink,
    private readonly holdAfter: number,
  ) {
    this.held = new Promise((resolve) => (this.reachHold = resolve));
    this.released = new Promise((resolve) => (this.releaseHold = resolve));
  }

  async send(events: readonly CloudEventJson[], signal: AbortSignal): Promise<SinkReceipt> {
    if (this.sent.length >= this.holdAfter) {
      this.reachHold();
      await this.released;
    }
    const receipt = await this.sink.send(events, signal);
    this.sent.push(...events);
    return receipt;
  }

  /** Lets the run go on past the hold. */
  release(): void {
    this.releaseHold();
  }

  close(): Promise<void> {
    this.releaseHold();
    return this.sink.close();
  }
}
