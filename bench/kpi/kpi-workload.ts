/** A generated history: `realisticHistory` in chunks of three days each. */
export interface HistoryWorkload {
  /** What sets it apart, for the report. */
  readonly name: string;
  /** Declarations per chunk: with about 6.8 events each, fewer per chunk spread the same events over more days. */
  readonly declarationsPerChunk: number;
}

/** What the kpi suite runs: the size of the histories, how often each figure is taken, the batch sizes tried. */
export interface KpiWorkload {
  /** Events in each generated history (the log is cut to exactly this many). */
  readonly events: number;
  /**
   * The histories replayed in memory. The first is also appended to the stores and rebuilt from; the others show how
   * the replay rate depends on how densely events fall into hours.
   */
  readonly histories: readonly [HistoryWorkload, ...HistoryWorkload[]];
  /** Events appended per `appendMany` when filling the stores (untimed). */
  readonly appendBatch: number;
  /** In-memory engine replays per history; the report quotes their median. */
  readonly replayRepeats: number;
  /** The projector's `batchSize` values each full rebuild from SQLite is timed with; the first is the default. */
  readonly sqliteBatchSizes: readonly number[];
  /** The same for PostgreSQL, which takes longer to fill and to read. */
  readonly postgresBatchSizes: readonly number[];
  /** Open declarations whose engine heap is measured. */
  readonly openDeclarations: number;
}

export const KPI_WORKLOAD: KpiWorkload = {
  events: 1_000_000,
  histories: [
    { name: '30 days (about 5,000 declarations a day)', declarationsPerChunk: 15_000 },
    { name: '3 days (about 50,000 declarations a day)', declarationsPerChunk: 150_000 },
  ],
  appendBatch: 1_000,
  replayRepeats: 5,
  sqliteBatchSizes: [500, 2_000, 5_000, 20_000],
  postgresBatchSizes: [500, 5_000],
  openDeclarations: 100_000,
};
