import { addQualityCounts, NO_QUALITY_COUNTS } from '../../ingest-quality-counts.js';
import { ingestQualitySummary } from '../../ingest-quality-summary.js';
import type { IngestQualityCounts, IngestQualitySummary, IngestQualityTally } from '../../ingest-quality-tally.port.js';

/**
 * A tally in this process's memory: it counts from zero at each start and sees no other process. For an app
 * that configures no durable tally, and for unit tests.
 */
export class InMemoryIngestQualityTally implements IngestQualityTally {
  private counts: IngestQualityCounts = NO_QUALITY_COUNTS;

  async record(counts: IngestQualityCounts): Promise<void> {
    this.counts = addQualityCounts(this.counts, counts);
  }

  async read(): Promise<IngestQualitySummary> {
    return ingestQualitySummary(this.counts, this.counts.rejectedByReason);
  }

  async close(): Promise<void> {}
}
