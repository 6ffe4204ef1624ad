/**
 * The closed vocabularies of the event contract (events.md, "Enumerations" and the per-type tables).
 * Each is an `as const` tuple, so the same value serves as the runtime list the validator checks against
 * and as the source of the union type the KPI engine switches on.
 */

/** Mode of transport at the border, after UN/ECE Recommendation 19. */
export const TRANSPORT_MODES = [
  'SEA',
  'AIR',
  'ROAD',
  'RAIL',
  'INLAND_WATERWAY',
  'POSTAL',
  'FIXED_INSTALLATION',
  'UNKNOWN',
] as const;
/** One of {@link TRANSPORT_MODES}. */
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Customs procedure a declaration is lodged under. */
export const REGIMES = ['IMPORT', 'EXPORT', 'TRANSIT'] as const;
/** One of {@link REGIMES}. */
export type Regime = (typeof REGIMES)[number];

/**
 * Risk lanes: `GREEN` release without control, `YELLOW` documentary check, `RED` physical examination,
 * `BLUE` release with post-clearance audit.
 */
export const LANES = ['GREEN', 'YELLOW', 'RED', 'BLUE'] as const;
/** One of {@link LANES}. */
export type Lane = (typeof LANES)[number];

/** Why a lane was chosen: `CRITERIA` (risk profile), `RANDOM` (random selection) or `OFFICER` (officer's decision). */
export const LANE_BASES = ['CRITERIA', 'RANDOM', 'OFFICER'] as const;
/** One of {@link LANE_BASES}. */
export type LaneBasis = (typeof LANE_BASES)[number];

/** Outcome of a documentary check (yellow lane). */
export const DOCUMENTARY_CHECK_RESULTS = ['COMPLIANT', 'DISCREPANCY'] as const;
/** One of {@link DOCUMENTARY_CHECK_RESULTS}. */
export type DocumentaryCheckResult = (typeof DOCUMENTARY_CHECK_RESULTS)[number];

/** How goods are examined: non-intrusive inspection (scanner), partial or full physical examination. */
export const EXAMINATION_METHODS = ['NII', 'PARTIAL', 'FULL'] as const;
/** One of {@link EXAMINATION_METHODS}. */
export type ExaminationMethod = (typeof EXAMINATION_METHODS)[number];

/** Outcome of a physical examination. */
export const EXAMINATION_RESULTS = ['NO_FINDING', 'DISCREPANCY'] as const;
/** One of {@link EXAMINATION_RESULTS}. */
export type ExaminationResult = (typeof EXAMINATION_RESULTS)[number];

/** What an examination found wrong with the declaration. */
export const DISCREPANCY_TYPES = ['CLASSIFICATION', 'VALUATION', 'ORIGIN', 'QUANTITY', 'PROHIBITED', 'OTHER'] as const;
/** One of {@link DISCREPANCY_TYPES}. */
export type DiscrepancyType = (typeof DISCREPANCY_TYPES)[number];

/** How duties were paid; `GUARANTEE` means drawn on a guarantee rather than paid in money. */
export const PAYMENT_METHODS = ['ELECTRONIC', 'BANK', 'CASH', 'GUARANTEE'] as const;
/** One of {@link PAYMENT_METHODS}. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Whether goods were released normally or against a guarantee before duties were settled. */
export const RELEASE_TYPES = ['NORMAL', 'AGAINST_GUARANTEE'] as const;
/** One of {@link RELEASE_TYPES}. */
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/** What was seized. */
export const SEIZURE_CATEGORIES = [
  'DRUGS',
  'TOBACCO',
  'ALCOHOL',
  'IPR',
  'WEAPONS',
  'CURRENCY',
  'WILDLIFE',
  'CULTURAL_HERITAGE',
  'OTHER',
] as const;
/** One of {@link SEIZURE_CATEGORIES}. */
export type SeizureCategory = (typeof SEIZURE_CATEGORIES)[number];

/** How a seizure was detected; the basis of the detection-rate KPIs. */
export const DETECTION_METHODS = ['RISK_PROFILE', 'INTELLIGENCE', 'NII', 'CANINE', 'RANDOM', 'ROUTINE'] as const;
/** One of {@link DETECTION_METHODS}. */
export type DetectionMethod = (typeof DETECTION_METHODS)[number];

/** Kind of customs offence. */
export const OFFENCE_KINDS = ['ADMINISTRATIVE', 'CRIMINAL'] as const;
/** One of {@link OFFENCE_KINDS}. */
export type OffenceKind = (typeof OFFENCE_KINDS)[number];

/** How an offence case ended. */
export const OFFENCE_OUTCOMES = ['PENALTY', 'SETTLED', 'ACQUITTED', 'REFERRED'] as const;
/** One of {@link OFFENCE_OUTCOMES}. */
export type OffenceOutcome = (typeof OFFENCE_OUTCOMES)[number];

/** Finding of a post-clearance audit. */
export const AUDIT_FINDINGS = ['COMPLIANT', 'NON_COMPLIANT'] as const;
/** One of {@link AUDIT_FINDINGS}. */
export type AuditFinding = (typeof AUDIT_FINDINGS)[number];
