import { type DiscrepancyType, type Lane, type LaneBasis } from '@customs-pulse/domain';
import { type Weights } from '../random/weighted.js';

/**
 * Share of declarations lodged by an AEO. With the lane weights below the initial lanes come out at about 75.5 %
 * GREEN, 15 % YELLOW, 7.3 % RED and 2 % BLUE (0.35 * AEO + 0.65 * others); after the officers' reroutes below and
 * the documentary checks that end in an examination, the final lanes are about 75/15/8/2, the mix of a mature
 * risk-management system.
 */
export const AEO_DECLARATION_SHARE = 0.35;

/** Initial lane, for AEO declarants and for the others. */
export const LANE_WEIGHTS: { readonly aeo: Weights<Lane>; readonly other: Weights<Lane> } = {
  aeo: { GREEN: 84, YELLOW: 10, RED: 4, BLUE: 2 },
  other: { GREEN: 71, YELLOW: 18, RED: 9, BLUE: 2 },
};

/** Why a control lane was chosen; GREEN and BLUE always come from the risk profiles (CRITERIA). */
export const CONTROL_BASIS_WEIGHTS: Weights<LaneBasis> = { CRITERIA: 78, RANDOM: 15, OFFICER: 7 };

/** Risk score ranges of the risk engine per lane (a RANDOM selection has a low score: that is why it is random). */
export const RISK_SCORE_RANGE: { readonly [L in Lane]: readonly [number, number] } = {
  GREEN: [0, 0.3],
  BLUE: [0.1, 0.4],
  YELLOW: [0.3, 0.6],
  RED: [0.6, 0.98],
};

/** Risk profiles that select declarations for control. */
export const RISK_PROFILES = ['RP-VAL-01', 'RP-ORG-02', 'RP-CLS-03', 'RP-IPR-04', 'RP-DRG-05', 'RP-TRD-06'] as const;

/**
 * Officers' reroutes of an assigned lane, per initial lane: a few upgrades on new intelligence and rare downgrades
 * (`lane_downgrade_rate` stays about 0.2 %, far below its 2 % warning threshold).
 */
export const REROUTES: { readonly [L in Lane]: Weights<Lane | 'NONE'> } = {
  GREEN: { NONE: 992, RED: 4, YELLOW: 4 },
  BLUE: { NONE: 1 },
  YELLOW: { NONE: 990, GREEN: 10 },
  RED: { NONE: 977, YELLOW: 20, GREEN: 3 },
};

/**
 * Share of examinations that find a discrepancy, by why the declaration was selected: the risk profiles find about
 * four times more than random selection (`targeting_lift` about 4).
 */
export const HIT_RATE: { readonly [B in LaneBasis]: number } = { CRITERIA: 0.22, RANDOM: 0.05, OFFICER: 0.3 };

/** What an examination that finds something finds. */
export const DISCREPANCY_WEIGHTS: Weights<DiscrepancyType> = {
  VALUATION: 35,
  CLASSIFICATION: 25,
  QUANTITY: 15,
  ORIGIN: 10,
  OTHER: 10,
  PROHIBITED: 5,
};

/** Share of documentary checks that find a discrepancy, and of those that send the goods to examination. */
export const DOCUMENTARY_DISCREPANCY_SHARE = 0.1;
export const DOCUMENTARY_DISCREPANCY_TO_RED = 0.4;
