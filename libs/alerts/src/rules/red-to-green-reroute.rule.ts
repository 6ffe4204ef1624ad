import { type LaneReroutedData } from '@customs-pulse/domain';

import { type EventAlert, type RuledEvent } from './event-alert.js';

/**
 * A `LaneRerouted` from RED to GREEN: an examination the risk engine asked for was waved through, which may be an
 * integrity problem. Raised at `warning`: one such reroute may be legitimate (its `reason` says why), and a pattern
 * of them is what `lane_downgrade_rate`'s threshold rule watches.
 * @param officeId - the declaration's office as known when the reroute was observed, `null` when not yet known.
 */
export function redToGreenReroute(event: RuledEvent, officeId: string | null): EventAlert | null {
  if (event.type !== 'LaneRerouted') return null;
  const { fromLane, toLane, officerId, reason } = event.data as LaneReroutedData;
  if (fromLane !== 'RED' || toLane !== 'GREEN') return null;
  return {
    rule: 'red_to_green_reroute',
    severity: 'warning',
    filters: officeId === null ? {} : { office: officeId },
    value: null,
    threshold: null,
    details: { declarationId: event.subject, fromLane, toLane, officerId, reason },
  };
}
