import { Command } from '@nestjs/cqrs';
import type { IngestReport } from './ingest-report.js';

/**
 * One candidate event as a transport received it: a parsed JSON value (an item of an HTTP batch) or the raw bytes
 * of a Kafka record value, which are size-checked before they are parsed.
 */
export type EventCandidate = { readonly json: unknown } | { readonly bytes: Uint8Array };

/** How candidates reached ingest: `in-process` is a caller in the same app (the standalone simulator, a benchmark). */
export type IngestTransport = 'http' | 'kafka' | 'in-process';

/**
 * Validate these candidates and store the valid ones in one durable commit. Invalid ones never stop the valid
 * ones of the same batch.
 */
export class IngestEventsCommand extends Command<IngestReport> {
  constructor(
    readonly candidates: readonly EventCandidate[],
    /** Counted apart in the ingest metrics. @defaultValue 'in-process' */
    readonly transport: IngestTransport = 'in-process',
  ) {
    super();
  }
}
