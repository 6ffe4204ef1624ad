import type { CloudEventJson, EventSink, SinkReceipt } from '@customs-pulse/simulation';

/**
 * A sink that finishes every delivery it began, even when the run is stopped: stopping an open-ended run then never
 * leaves a batch half produced (on the topic, yet not counted as sent), so what was sent is exactly known.
 */
export class UnabortedSink implements EventSink {
  private readonly never = new AbortController().signal;

  constructor(private readonly sink: EventSink) {}

  send(events: readonly CloudEventJson[]): Promise<SinkReceipt> {
    return this.sink.send(events, this.never);
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
