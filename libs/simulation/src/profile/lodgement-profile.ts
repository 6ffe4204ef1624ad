import { type Regime, type TransportMode } from '@customs-pulse/domain';
import { type Weights } from '../random/weighted.js';
import { type LogNormal } from './release-time-profile.js';

/** Customs procedures of the simulated traffic. */
export const REGIME_WEIGHTS: Weights<Regime> = { IMPORT: 60, EXPORT: 30, TRANSIT: 10 };

/**
 * Share of declarations lodged before the goods arrive, by mode (air and sea manifests come early, post rarely);
 * AEOs add {@link AEO_PRE_ARRIVAL_BONUS}. Overall about 65 %, above the 50 % warning of `pre_arrival_rate`.
 */
export const PRE_ARRIVAL_SHARE: { readonly [M in TransportMode]: number } = {
  AIR: 0.75,
  SEA: 0.75,
  RAIL: 0.65,
  ROAD: 0.6,
  INLAND_WATERWAY: 0.55,
  POSTAL: 0.4,
  FIXED_INSTALLATION: 0.9,
  UNKNOWN: 0.3,
};
export const AEO_PRE_ARRIVAL_BONUS = 0.15;

/** How long before arrival a pre-arrival declaration is lodged, in hours (times the mode factor). */
export const PRE_ARRIVAL_LEAD_HOURS: LogNormal = { median: 0.75, sigma: 0.7 };

/** A declaration lodged after arrival is lodged within this fraction of its release time. */
export const POST_ARRIVAL_LODGEMENT_FRACTION: readonly [number, number] = [0.05, 0.35];

/** Share of declarations lodged electronically (the rest on paper). */
export const ELECTRONIC_SHARE = 0.985;

/** Share of declarations rejected at lodgement, and of those then withdrawn rather than corrected. */
export const REJECTION_SHARE = 0.03;
export const REJECTED_THEN_CANCELLED = 0.3;
export const REJECTION_CODES = ['E101', 'E204', 'E310', 'E415', 'E522'] as const;

/** Share of declarations withdrawn before release. */
export const CANCELLATION_SHARE = 0.01;

/** Share of declarations whose arrival was never reported (a gap in the data the KPIs must live with). */
export const MISSING_ARRIVAL_SHARE = 0.015;

/** Share of AIR and POSTAL declarations that are e-commerce consignments. */
export const ECOMMERCE_SHARE: { readonly [M in TransportMode]?: number } = { POSTAL: 0.7, AIR: 0.2 };

/** How long after release exported and transit goods leave, in hours; imported goods leave the customs area sooner. */
export const EXIT_HOURS: { readonly [R in Regime]: LogNormal } = {
  IMPORT: { median: 1, sigma: 0.6 },
  EXPORT: { median: 6, sigma: 0.8 },
  TRANSIT: { median: 10, sigma: 0.8 },
};
export const EXIT_REPORTED_SHARE: { readonly [R in Regime]: number } = { IMPORT: 0.5, EXPORT: 0.9, TRANSIT: 0.9 };

/** A few plausible HS headings per regime (Uzbekistan imports vehicles and machinery, exports cotton and fruit). */
export const HS_CODES: { readonly [R in Regime]: readonly string[] } = {
  IMPORT: ['870323', '847130', '851712', '300490', '392690', '940360', '620342', '271019', '240220', '220421', '090240', '854231'],
  EXPORT: ['520100', '080610', '081310', '520512', '610910', '071331', '740311'],
  TRANSIT: ['870323', '271019', '310210', '721049', '847130'],
};

/** Where imported and transit goods come from. */
export const ORIGIN_WEIGHTS: Weights<string> = { CN: 30, RU: 20, KZ: 10, TR: 10, KR: 8, DE: 6, IN: 6, US: 4, AE: 4, TM: 2 };
