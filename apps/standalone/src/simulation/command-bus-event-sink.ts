import { IngestEventsCommand } from '@customs-pulse/ingest';
import { type CloudEventJson, type EventSink, type SinkReceipt } from '@customs-pulse/simulation';
import { type CommandBus } from '@nestjs/cqrs';

/**
 * The app's own ingest use case as a sink: the same command `POST /api/events` executes (validation, idempotency,
 * one durable commit, the quality tally), without a token or a loop through the HTTP stack.
 */
export class CommandBusEventSink implements EventSink {
  constructor(private readonly commands: CommandBus) {}

  async send(events: readonly CloudEventJson[], signal: AbortSignal): Promise<SinkReceipt> {
    signal.throwIfAborted();
    const report = await this.commands.execute(new IngestEventsCommand(events.map((json) => ({ json }))));
    return { accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected.length };
  }

  async close(): Promise<void> {}
}
