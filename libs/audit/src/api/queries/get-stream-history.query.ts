import { EVENT_STORE, type EventStore, type RecordedEvent } from '@customs-pulse/event-store';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

/**
 * One stored event as `GET /api/audit/streams/:subject` shows it: where it stands in the log and its link first, then
 * every field the link covers, so that an auditor holding the previous link can recompute it.
 */
export type AuditedEvent = RecordedEvent;

/** Every stored event of a subject, in stream order; empty when none was stored. */
export class GetStreamHistoryQuery extends Query<AuditedEvent[]> {
  constructor(readonly subject: string) {
    super();
  }
}

@QueryHandler(GetStreamHistoryQuery)
export class GetStreamHistoryHandler implements IQueryHandler<GetStreamHistoryQuery, AuditedEvent[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ subject }: GetStreamHistoryQuery): Promise<AuditedEvent[]> {
    // Ingest files each event in the stream named by its subject (events.md: one stream per aggregate).
    const events = await this.store.readStream(subject);
    return events.map(audited);
  }
}

/** The same fields in a fixed, readable order, whatever order an adapter builds them in. */
function audited(event: RecordedEvent): AuditedEvent {
  const { position, recordedAt, hash, stream, revision, id, source, type, subject, time, data, extensions } = event;
  return { position, recordedAt, hash, stream, revision, id, source, type, subject, time, data, extensions };
}
