import { planDeclaration } from '../journeys/declaration-journey.js';
import { BURST_SPREAD_MS, type Incident, MIN_BURST } from './incident.js';

/**
 * Waived controls, against the office's declarations of the last 24 hours: with 7 % more, all downgraded,
 * `lane_downgrade_rate` for the office passes its critical 5 %.
 */
export const DOWNGRADE_BURST_SHARE = 0.07;
/** While it lasts, half of the office's YELLOW and RED declarations are waived through too. */
export const ONGOING_DOWNGRADE_PROBABILITY = 0.5;

/** The burst's declarations were lodged up to this long before the incident comes to light. */
const LODGED_BEFORE_MS = 2 * 3_600_000;

/**
 * `lane-downgrades`: two officers at the office have been waving declarations selected for control through to
 * GREEN. It comes to light at once: declarations lodged in the last two hours, whose events (held back until now,
 * so late) show the waivers; every third was RED, and each of those raises a `red_to_green_reroute` alert.
 */
export const laneDowngrades: Incident = {
  strike(context, { office, at, recentDeclarations }) {
    const count = Math.ceil(DOWNGRADE_BURST_SHARE * recentDeclarations) + MIN_BURST;
    for (let index = 0; index < count; index += 1) {
      planDeclaration(context, {
        office,
        at: at - LODGED_BEFORE_MS + (index / count) * (LODGED_BEFORE_MS + BURST_SPREAD_MS),
        lane: index % 3 === 0 ? 'RED' : 'YELLOW',
        downgrade: { forced: true },
        incident: 'lane-downgrades',
      });
    }
  },
  ongoing: { downgrade: { forced: false, probability: ONGOING_DOWNGRADE_PROBABILITY } },
};
