import { describe, expect, it } from '@jest/globals';
import { type KpiId } from '@customs-pulse/domain';

import { JudgedSlices } from './judged-slices.js';

const update = (kpiId: KpiId, filters: Record<string, string> = {}) => ({ kpiId, filters });
const none = () => [];

describe('the slices the threshold rule judges', () => {
  it('are the total and office slices a caught-up batch changed, never slices by mode, regime or category', () => {
    const slices = new JudgedSlices();

    const judged = slices.at(
      {
        caughtUp: true,
        updates: [update('release_time_mean'), update('release_time_mean', { office: 'UZ-TAS' }), update('release_time_mean', { office: 'UZ-TAS', regime: 'IMPORT' }), update('release_time_mean', { transportMode: 'SEA' })],
      },
      [],
      none,
    );

    expect(judged).toEqual([update('release_time_mean'), update('release_time_mean', { office: 'UZ-TAS' })]);
  });

  it('are only gathered while the projection replays history, and judged together once it has caught up', () => {
    const slices = new JudgedSlices();

    expect(slices.at({ caughtUp: false, updates: [update('backlog', { office: 'UZ-TAS' })] }, [], none)).toEqual([]);
    expect(slices.at({ caughtUp: false, updates: [update('backlog', { office: 'UZ-TAS' }), update('backlog')] }, [], none)).toEqual([]);
    expect(slices.at({ caughtUp: true, updates: [update('green_lane_rate')] }, [], none)).toEqual([
      update('backlog', { office: 'UZ-TAS' }),
      update('backlog'),
      update('green_lane_rate'),
    ]);
    expect(slices.at({ caughtUp: true, updates: [] }, [], none)).toEqual([]);
  });

  it('include, on a threshold change, the KPI’s total, the slices seen so far and those of its active alerts', () => {
    const slices = new JudgedSlices();
    slices.at({ caughtUp: true, updates: [update('release_time_mean', { office: 'UZ-TAS' }), update('backlog', { office: 'UZ-SAM' })] }, [], none);

    const judged = slices.at({ caughtUp: true, updates: [] }, ['release_time_mean'], () => [{ office: 'UZ-BUK' }]);

    expect(judged).toEqual([update('release_time_mean'), update('release_time_mean', { office: 'UZ-TAS' }), update('release_time_mean', { office: 'UZ-BUK' })]);
  });
});
