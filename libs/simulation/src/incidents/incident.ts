import { type CustomsOffice } from '../administration/customs-offices.js';
import { type DeclarationPlan } from '../journeys/declaration-journey.js';
import { type JourneyContext } from '../journeys/journey-context.js';

/** Where and when an incident strikes. */
export interface IncidentTarget {
  readonly office: CustomsOffice;
  readonly at: number;
  /** Declarations the office is expected to have had in the 24 hours before `at`: the base a burst is sized on. */
  readonly recentDeclarations: number;
}

/** An incident: what happens at once, and how it bends the office's later declarations while the run lasts. */
export interface Incident {
  strike(context: JourneyContext, target: IncidentTarget): void;
  readonly ongoing?: Pick<DeclarationPlan, 'slowdown' | 'downgrade' | 'incident'>;
}

/** Bursts are spread over this long, so that they arrive as a wave rather than one batch. */
export const BURST_SPREAD_MS = 60_000;

/**
 * The alert rules need at least `ALERT_MIN_OBSERVATIONS` (default 20) observations behind a value: every burst
 * brings that many on top of its share of the office's recent traffic.
 */
export const MIN_BURST = 20;
