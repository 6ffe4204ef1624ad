import { describe, expect, it } from '@jest/globals';
import type { AppendOutcome, EventStore, StreamWrite } from '@customs-pulse/event-store';
import { anEvent, validationRulesAt } from '@customs-pulse/testing';
import { IngestEventsCommand } from './ingest-events.command.js';
import { IngestEventsHandler } from './ingest-events.handler.js';
import type { IngestedBatch, IngestMetrics } from './ingest-metrics.port.js';

/** A store that cannot hold events from the office `OFFICE-NUL`, and appends every other one. */
function refusingStore(): EventStore {
  let position = 0;
  const appendMany = async (writes: readonly StreamWrite[]) =>
    writes.map((write) => ({
      stream: write.stream,
      streamRevision: 0,
      outcomes: write.events.map((event): AppendOutcome =>
        event.data['officeId'] === 'OFFICE-NUL'
          ? { status: 'rejected', field: 'data.officeId', reason: 'holds U+0000 (NUL), which PostgreSQL text and JSON cannot hold' }
          : { status: 'appended', position: (position += 1), revision: 0 },
      ),
    }));
  return { appendMany } as unknown as EventStore;
}

describe('IngestEventsHandler', () => {
  it("reports an event the store refused as rejected with the store's field and reason, and counts it", async () => {
    const batches: IngestedBatch[] = [];
    const metrics: IngestMetrics = { ingested: (batch) => batches.push(batch), deadLettered: () => undefined };
    const handler = new IngestEventsHandler(refusingStore(), validationRulesAt(), undefined, metrics);
    const refused = anEvent.goodsArrived('DEC-2', { officeId: 'OFFICE-NUL' });

    const report = await handler.execute(
      new IngestEventsCommand([{ json: anEvent.goodsArrived('DEC-1') }, { json: refused }, { json: anEvent.goodsArrived('DEC-3') }], 'http'),
    );

    expect(report).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          id: refused['id'],
          errors: [{ path: 'data.officeId', message: 'holds U+0000 (NUL), which PostgreSQL text and JSON cannot hold' }],
        },
      ],
      outcomes: ['accepted', 'rejected', 'accepted'],
    });
    expect(batches).toEqual([expect.objectContaining({ transport: 'http', accepted: 2, rejected: 1 })]);
  });
});
