/**
 * What `GET /api/quality` needs of ingest: the events it turned away, which never reach the store (events.md), so
 * the projection cannot count them. libs/ingest's quality tally is such a reading; the app names it in
 * `KpiModule.forRoot({ ingestQuality })`, since libs/kpi does not depend on libs/ingest.
 */
export interface IngestQualityReading {
  read(): Promise<IngestQuality>;
}

/** DI token for the {@link IngestQualityReading} that `KpiModule` binds to the app's ingest quality tally. */
export const INGEST_QUALITY_READING = Symbol('IngestQualityReading');

/** Rejected and duplicate events as ingest counted them, every count since its tally was created. */
export interface IngestQuality {
  readonly rejected: {
    readonly total: number;
    /** Most frequent first; equal counts by reason. */
    readonly byReason: readonly { readonly reason: string; readonly count: number }[];
  };
  readonly duplicates: number;
}
