/** A cell of a report table; `null` is an unknown or empty figure. */
export type ReportCell = string | number | boolean | null;

/** One section of a report as a table: what both the CSV and the HTML page are written from, so they hold the same. */
export interface ReportTable {
  /** The section's name, as the JSON names it (`overall`, `segments`, ...). */
  readonly section: string;
  /** A heading for people, on the printed page. */
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ReportCell[])[];
}
