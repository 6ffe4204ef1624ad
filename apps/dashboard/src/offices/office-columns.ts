/** A KPI column of the Offices view: the KPI it shows and its heading. */
export interface OfficeColumn {
  readonly kpiId: string;
  readonly heading: string;
  /** The heading's tooltip: what the column is, when the heading is short. */
  readonly title: string;
}

/**
 * What an operations centre compares offices on first: how long release takes (mean and tail), how much of it within
 * the target, what is still waiting, and how much goes through controls (green lane, physical examinations).
 */
export const OFFICE_COLUMNS: readonly OfficeColumn[] = [
  { kpiId: 'release_time_mean', heading: 'Release mean', title: 'Release time, mean over the last 24 hours' },
  { kpiId: 'release_time_p90', heading: 'p90', title: 'Release time, 90th percentile over the last 24 hours' },
  { kpiId: 'released_within_target_rate', heading: 'Within target', title: 'Share released within RELEASE_TARGET_HOURS' },
  { kpiId: 'backlog', heading: 'Backlog', title: 'Declarations lodged and not yet released or cancelled, now' },
  { kpiId: 'green_lane_rate', heading: 'Green lane', title: 'Share of declarations assigned the green lane' },
  { kpiId: 'physical_inspection_rate', heading: 'Examinations', title: 'Share of declarations physically examined' },
];
