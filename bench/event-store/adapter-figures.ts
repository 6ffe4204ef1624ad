import type { Rate } from '../harness/measure.js';
import type { AppendFigures } from './append-schedule.js';
import type { StoreFigures } from './store-workload.js';

export type AdapterName = 'SQLite' | 'PostgreSQL';

/** What the raw driver achieves on the same rows: the limits our adapter is measured against. */
export interface RawFigures {
  readonly plain: AppendFigures;
  /** The same inserts into a table that also has the log's two unique indexes. */
  readonly indexed: AppendFigures;
  readonly scan: Rate;
}

/** One adapter's figures, ours and the raw driver's, or why it could not be measured. */
export type AdapterOutcome =
  | { readonly adapter: AdapterName; readonly ours: StoreFigures; readonly raw: RawFigures; readonly environment: readonly string[] }
  | { readonly adapter: AdapterName; readonly unreachable: string; readonly environment: readonly string[] };
