/** One table of figures, as a suite reports it: rendered as Markdown in RESULTS.md and as text on the console. */
export interface FigureTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What a suite hands back: its figures, what it ran against, and anything a reader must not miss. */
export interface SuiteReport {
  readonly tables: readonly FigureTable[];
  /** Versions of what was measured (e.g. `SQLite: 3.53.2`), added to the machine line. */
  readonly environment: readonly string[];
  /** Goal misses, unreachable services, how to read the figures. */
  readonly notes: readonly string[];
}

/** A benchmark suite that `bench/run.ts` can run by name. */
export interface BenchSuite {
  /** The name given on the command line and used for its section of RESULTS.md. */
  readonly name: string;
  readonly title: string;
  run(progress: (line: string) => void): Promise<SuiteReport>;
}
