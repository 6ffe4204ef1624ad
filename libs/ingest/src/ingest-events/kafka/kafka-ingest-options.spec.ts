import { describe, expect, it } from '@jest/globals';
import { resolveKafkaIngestOptions } from './kafka-ingest-options.js';

describe('resolveKafkaIngestOptions', () => {
  it('heartbeats every 3 s in the default 30 s session', () => {
    expect(resolveKafkaIngestOptions({ brokers: ['k:9092'] })).toMatchObject({ sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3_000 });
  });

  it('heartbeats a third of a short session, so that one missed heartbeat does not cost the partitions', () => {
    expect(resolveKafkaIngestOptions({ brokers: ['k:9092'], sessionTimeoutMs: 6_000 })).toMatchObject({ heartbeatIntervalMs: 2_000 });
  });

  it('keeps a heartbeat interval that is given', () => {
    expect(resolveKafkaIngestOptions({ brokers: ['k:9092'], sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 })).toMatchObject({ heartbeatIntervalMs: 500 });
  });
});
