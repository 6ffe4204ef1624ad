import { LANE_BASES, LANES, type Lane, type LaneBasis } from '../enumerations.js';
import { fraction, identifier, listOf, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `LaneAssigned`: risk management routed the declaration to a lane. */
export class LaneAssignedDto {
  @Required()
  @Is(oneOf(LANES))
  lane!: Lane;

  @Required()
  @Is(oneOf(LANE_BASES))
  basis!: LaneBasis;

  /** Score of the risk engine, 0 (no risk) to 1. */
  @Optional()
  @Is(fraction)
  riskScore?: number;

  /** Risk profiles that fired. */
  @Optional()
  @Is(listOf(identifier, 'must be an array of strings of 1 to 128 characters'))
  profileIds?: string[];
}

/** The validated `data` of a `LaneAssigned` event. */
export type LaneAssignedData = Readonly<LaneAssignedDto>;
