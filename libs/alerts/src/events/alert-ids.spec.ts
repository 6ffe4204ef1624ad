import { describe, expect, it } from '@jest/globals';

import { alertEventId, eventAlertId, thresholdAlertId, thresholdChangeId } from './alert-ids.js';

/** events.md: a subject is 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":", "/" or "-"; an id is 1..128 chars. */
const SUBJECT = /^[A-Za-z0-9._:/-]{1,128}$/;

describe('alert ids', () => {
  it('derive a threshold alert’s id from KPI, slice and position alone, the same every time', () => {
    const id = thresholdAlertId('release_time_mean', 'office=UZ-TAS', 42);

    expect(id).toBe(thresholdAlertId('release_time_mean', 'office=UZ-TAS', 42));
    expect(id).toMatch(/^alert:kpi_threshold:release_time_mean:[0-9a-f]{12}:42$/);
    expect(thresholdAlertId('release_time_mean', '', 42)).toBe('alert:kpi_threshold:release_time_mean:total:42');
  });

  it('tell slices, KPIs and positions apart', () => {
    const ids = new Set([
      thresholdAlertId('release_time_mean', 'office=UZ-TAS', 42),
      thresholdAlertId('release_time_mean', 'office=UZ-SAM', 42),
      thresholdAlertId('release_time_p50', 'office=UZ-TAS', 42),
      thresholdAlertId('release_time_mean', 'office=UZ-TAS', 43),
    ]);

    expect(ids.size).toBe(4);
  });

  it('derive an event-rule alert’s id from the event’s (source, id), not from where it landed in the log', () => {
    const id = eventAlertId('significant_seizure', { source: 'urn:customs:uz', id: 'evt-1' });

    expect(id).toBe(eventAlertId('significant_seizure', { source: 'urn:customs:uz', id: 'evt-1' }));
    expect(id).not.toBe(eventAlertId('significant_seizure', { source: 'urn:customs:kz', id: 'evt-1' }));
    expect(id).not.toBe(eventAlertId('red_to_green_reroute', { source: 'urn:customs:uz', id: 'evt-1' }));
  });

  it('are valid subjects, whatever the office id, and their event ids fit the 128-character limit', () => {
    const longest = thresholdAlertId('released_within_target_rate', `office=${encodeURIComponent('Bureau de Dakar / Port ✓')}`, Number.MAX_SAFE_INTEGER);

    expect(longest).toMatch(SUBJECT);
    expect(alertEventId(longest, 'acknowledged').length).toBeLessThanOrEqual(128);
    expect(eventAlertId('red_to_green_reroute', { source: 's'.repeat(256), id: 'i'.repeat(128) })).toMatch(SUBJECT);
    expect(thresholdChangeId('backlog', 3)).toBe('thresholds:backlog:3');
  });
});
