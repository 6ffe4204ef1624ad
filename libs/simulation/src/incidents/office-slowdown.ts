import { planDeclaration } from '../journeys/declaration-journey.js';
import { BURST_SPREAD_MS, type Incident, MIN_BURST } from './incident.js';

/**
 * Stuck releases, against the office's declarations of the last 24 hours. With a fifth of them released after about
 * five days (log-normal, median 120 h), the office's `release_time_p90` crosses its critical 96 h and
 * `released_within_target_rate` its warning; `release_time_mean` follows as the slowdown goes on.
 */
export const SLOWDOWN_BURST_SHARE = 0.2;

/**
 * `office-slowdown`: the office's clearance stalls. At once a backlog of goods that arrived days ago is released
 * (their earlier events, never sent, are sent now, late); from then on every new declaration there waits days.
 */
export const officeSlowdown: Incident = {
  strike(context, { office, at, recentDeclarations }) {
    const count = Math.ceil(SLOWDOWN_BURST_SHARE * recentDeclarations) + MIN_BURST;
    for (let index = 0; index < count; index += 1) {
      planDeclaration(context, { office, at: at + (index / count) * BURST_SPREAD_MS, slowdown: true, incident: 'office-slowdown' });
    }
  },
  ongoing: { slowdown: true, incident: 'office-slowdown' },
};
