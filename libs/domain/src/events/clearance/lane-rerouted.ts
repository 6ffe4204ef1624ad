import { LANES, type Lane } from '../enumerations.js';
import { freeText, identifier, oneOf } from '../field-checks.js';
import { Is, Required } from '../field-decorators.js';

/** `data` of `LaneRerouted`: an officer moved the declaration from one lane to another. */
export class LaneReroutedDto {
  @Required()
  @Is(oneOf(LANES))
  fromLane!: Lane;

  @Required()
  @Is(oneOf(LANES))
  toLane!: Lane;

  @Required()
  @Is(identifier)
  officerId!: string;

  @Required()
  @Is(freeText)
  reason!: string;
}

/** The validated `data` of a `LaneRerouted` event. */
export type LaneReroutedData = Readonly<LaneReroutedDto>;
