/** A row of the Offices view: the office and its value in each KPI column (`null`: nothing observed). */
export interface OfficeRow {
  readonly office: string;
  readonly values: Readonly<Record<string, number | null>>;
}

/** The column the rows are sorted by: `office`, or a KPI id; `descending` puts the largest first. */
export interface OfficeOrder {
  readonly column: string;
  readonly descending: boolean;
}

/**
 * The rows in `order`. An office without a value in the column comes last whichever the direction: it has nothing to
 * compare, and an operations centre looks at the top. Ties keep the office id order.
 */
export function sortOfficeRows(rows: readonly OfficeRow[], order: OfficeOrder): OfficeRow[] {
  const sign = order.descending ? -1 : 1;
  const byOffice = (a: OfficeRow, b: OfficeRow): number => a.office.localeCompare(b.office);
  if (order.column === 'office') return [...rows].sort((a, b) => sign * byOffice(a, b));
  return [...rows].sort((a, b) => {
    const x = a.values[order.column] ?? null;
    const y = b.values[order.column] ?? null;
    if (x === null || y === null) return x === y ? byOffice(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byOffice(a, b);
  });
}
