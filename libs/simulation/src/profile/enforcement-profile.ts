import {
  type AuditFinding,
  type DetectionMethod,
  type OffenceOutcome,
  type SeizureCategory,
} from '@customs-pulse/domain';
import { type Weights } from '../random/weighted.js';
import { type LogNormal } from './release-time-profile.js';

/** Seizures outside any declaration (passengers, post, green channel), per declaration lodged. */
export const INDEPENDENT_SEIZURES_PER_DECLARATION = 0.006;

/** What is seized; DRUGS and WEAPONS raise an alert each, so they stay a small share. */
export const SEIZURE_CATEGORY_WEIGHTS: Weights<SeizureCategory> = {
  TOBACCO: 28,
  IPR: 20,
  OTHER: 14,
  ALCOHOL: 12,
  CURRENCY: 8,
  DRUGS: 7,
  WILDLIFE: 4,
  WEAPONS: 2,
  CULTURAL_HERITAGE: 2,
};

/**
 * How independent seizures are detected: about 70 % by targeted controls (`risk_based_seizure_share`, warning
 * below 60 %).
 */
export const DETECTION_METHOD_WEIGHTS: Weights<DetectionMethod> = {
  RISK_PROFILE: 25,
  INTELLIGENCE: 15,
  NII: 15,
  CANINE: 15,
  RANDOM: 10,
  ROUTINE: 20,
};

/** The quantity, its unit, and the estimated value (reporting currency) of a seizure of each category. */
export const SEIZURE_PROFILE: {
  readonly [C in SeizureCategory]: { readonly unit: string; readonly quantity: LogNormal; readonly whole: boolean; readonly value: LogNormal };
} = {
  DRUGS: { unit: 'kg', quantity: { median: 2, sigma: 1 }, whole: false, value: { median: 40_000, sigma: 1 } },
  WEAPONS: { unit: 'pieces', quantity: { median: 3, sigma: 0.7 }, whole: true, value: { median: 15_000, sigma: 0.8 } },
  TOBACCO: { unit: 'cartons', quantity: { median: 40, sigma: 1 }, whole: true, value: { median: 4_000, sigma: 1 } },
  ALCOHOL: { unit: 'litres', quantity: { median: 60, sigma: 0.9 }, whole: false, value: { median: 2_000, sigma: 1 } },
  IPR: { unit: 'items', quantity: { median: 300, sigma: 1.1 }, whole: true, value: { median: 6_000, sigma: 1.1 } },
  CURRENCY: { unit: 'banknotes', quantity: { median: 400, sigma: 1 }, whole: true, value: { median: 30_000, sigma: 1 } },
  WILDLIFE: { unit: 'specimens', quantity: { median: 5, sigma: 1 }, whole: true, value: { median: 8_000, sigma: 1 } },
  CULTURAL_HERITAGE: { unit: 'items', quantity: { median: 3, sigma: 0.8 }, whole: true, value: { median: 25_000, sigma: 1 } },
  OTHER: { unit: 'kg', quantity: { median: 50, sigma: 1 }, whole: false, value: { median: 3_000, sigma: 1 } },
};

/** Share of seizures and of fiscal findings (valuation, classification) that open an offence case. */
export const OFFENCE_AFTER_SEIZURE_SHARE = 0.6;
export const OFFENCE_AFTER_FISCAL_FINDING_SHARE = 0.3;
/** Seizures of these categories, or worth more than {@link CRIMINAL_VALUE}, are criminal cases. */
export const CRIMINAL_CATEGORIES: readonly SeizureCategory[] = ['DRUGS', 'WEAPONS', 'CULTURAL_HERITAGE'];
export const CRIMINAL_VALUE = 50_000;
export const OFFENCE_CODES = {
  seizure: ['SMUGGLING', 'PROHIBITED_GOODS', 'IPR_INFRINGEMENT', 'UNDECLARED_CURRENCY'],
  fiscal: ['UNDERVALUATION', 'MISCLASSIFICATION'],
} as const;
/** How long offence cases stay open, in hours, and how they end. */
export const OFFENCE_OPEN_HOURS = { ADMINISTRATIVE: { median: 72, sigma: 0.8 }, CRIMINAL: { median: 720, sigma: 0.6 } } as const;
export const OFFENCE_OUTCOME_WEIGHTS: { readonly ADMINISTRATIVE: Weights<OffenceOutcome>; readonly CRIMINAL: Weights<OffenceOutcome> } = {
  ADMINISTRATIVE: { PENALTY: 65, SETTLED: 25, ACQUITTED: 10 },
  CRIMINAL: { REFERRED: 70, PENALTY: 20, ACQUITTED: 10 },
};

/** Post-clearance audits per declaration lodged, and the share of BLUE-lane releases audited afterwards. */
export const AUDITS_PER_DECLARATION = 0.008;
export const BLUE_LANE_AUDIT_SHARE = 0.5;
/** When an audit of a BLUE-lane declaration ends, in hours after release. */
export const BLUE_LANE_AUDIT_HOURS: LogNormal = { median: 72, sigma: 0.5 };
/** Audits find about a quarter of traders non-compliant (`pca_noncompliance_rate`, warning below 20 %). */
export const AUDIT_FINDING_WEIGHTS: Weights<AuditFinding> = { COMPLIANT: 72, NON_COMPLIANT: 28 };
export const AUDIT_ADDITIONAL_ASSESSED: LogNormal = { median: 6_000, sigma: 1 };
