/**
 * A KPI query the engine cannot answer as asked: a filter the KPI does not slice by, an unreadable instant, a range
 * that does not start and end on bucket boundaries. The HTTP layer answers it with 400.
 */
export class KpiQueryError extends Error {
  override readonly name = 'KpiQueryError';
}
