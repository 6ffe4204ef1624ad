import { Logger, type LoggerService, type OnApplicationShutdown } from '@nestjs/common';
import type { IngestReport } from '../ingest-events/ingest-report.js';
import { addQualityCounts, isEmptyQualityCounts, NO_QUALITY_COUNTS, qualityCountsOf } from './ingest-quality-counts.js';
import type { IngestQualityCounts, IngestQualityTally } from './ingest-quality-tally.port.js';

export interface IngestQualityRecorderOptions {
  /**
   * How long counts gather in memory before they are written: one write per this long at most, however many
   * ingests. @defaultValue 1000
   */
  readonly flushDelayMs?: number;
}

/**
 * Ingest's writer of the {@link IngestQualityTally}. Counting must never fail or slow an ingest, so `record` only
 * adds to counts in memory and returns; they are written a moment later, in the background, one write for many
 * ingests. A failed write is logged and its counts are kept for the next one; at shutdown the last counts are
 * written and the tally is closed.
 */
export class IngestQualityRecorder implements OnApplicationShutdown {
  private readonly flushDelayMs: number;
  private pending: IngestQualityCounts = NO_QUALITY_COUNTS;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  private closing = false;

  constructor(
    private readonly tally: IngestQualityTally,
    options: IngestQualityRecorderOptions = {},
    private readonly logger: LoggerService = new Logger('IngestQuality'),
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 1_000;
  }

  /** Counts the rejects and duplicates of an ingest whose append is durable. Returns at once; never throws. */
  record(report: Pick<IngestReport, 'rejected' | 'duplicates'>): void {
    if (report.rejected.length === 0 && report.duplicates === 0) return;
    try {
      this.pending = addQualityCounts(this.pending, qualityCountsOf(report));
    } catch (error) {
      // The events are stored already; failing here would only make a transport retry them.
      this.logger.warn(`could not count an ingest's rejects and duplicates: ${describe(error)}`);
      return;
    }
    this.scheduleFlush();
  }

  /** Writes the counts recorded so far. Resolves once they are written or the write failed (logged); never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writePending());
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.flush();
    await this.tally.close();
  }

  private scheduleFlush(): void {
    if (this.timer !== undefined || this.closing) return;
    this.timer = setTimeout(() => void this.flush(), this.flushDelayMs);
    // Counts waiting to be written are no reason to keep a process alive.
    this.timer.unref();
  }

  private async writePending(): Promise<void> {
    const counts = this.pending;
    if (isEmptyQualityCounts(counts)) return;
    this.pending = NO_QUALITY_COUNTS;
    try {
      await this.tally.record(counts);
      if (this.failing) this.logger.log('the ingest quality tally is written again');
      this.failing = false;
    } catch (error) {
      // Kept, within the reason cap, for the next write; logged once per outage rather than once per attempt.
      this.pending = addQualityCounts(counts, this.pending);
      const next = this.closing ? 'its last counts are lost' : 'retrying';
      if (!this.failing) this.logger.warn(`could not write the ingest quality tally; ${next}: ${describe(error)}`);
      this.failing = true;
      this.scheduleFlush();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
