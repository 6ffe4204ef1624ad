import { describe, expect, it } from '@jest/globals';
import { type OfficeRow, sortOfficeRows } from './office-order.js';

const rows: OfficeRow[] = [
  { office: 'UZ-SAM', values: { release_time_mean: 5 } },
  { office: 'UZ-AND', values: { release_time_mean: null } },
  { office: 'UZ-TAS', values: { release_time_mean: 12 } },
  { office: 'UZ-NAV', values: { release_time_mean: 5 } },
];
const offices = (sorted: OfficeRow[]): string[] => sorted.map(({ office }) => office);

describe('sortOfficeRows', () => {
  it('sorts by a KPI either way, offices without a value last both times, ties by office id', () => {
    expect(offices(sortOfficeRows(rows, { column: 'release_time_mean', descending: true }))).toEqual(['UZ-TAS', 'UZ-NAV', 'UZ-SAM', 'UZ-AND']);
    expect(offices(sortOfficeRows(rows, { column: 'release_time_mean', descending: false }))).toEqual(['UZ-NAV', 'UZ-SAM', 'UZ-TAS', 'UZ-AND']);
  });

  it('sorts by office id either way', () => {
    expect(offices(sortOfficeRows(rows, { column: 'office', descending: false }))).toEqual(['UZ-AND', 'UZ-NAV', 'UZ-SAM', 'UZ-TAS']);
    expect(offices(sortOfficeRows(rows, { column: 'office', descending: true }))).toEqual(['UZ-TAS', 'UZ-SAM', 'UZ-NAV', 'UZ-AND']);
  });

  it('leaves the rows given as they were', () => {
    sortOfficeRows(rows, { column: 'office', descending: true });
    expect(offices(rows)).toEqual(['UZ-SAM', 'UZ-AND', 'UZ-TAS', 'UZ-NAV']);
  });
});
