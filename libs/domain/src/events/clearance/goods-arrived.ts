import { TRANSPORT_MODES, type TransportMode } from '../enumerations.js';
import { identifier, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `GoodsArrived`: the goods of a declaration were presented at a customs office. */
export class GoodsArrivedDto {
  @Required()
  @Is(identifier)
  officeId!: string;

  @Required()
  @Is(oneOf(TRANSPORT_MODES))
  transportMode!: TransportMode;

  /** Vessel, flight, truck plate or wagon reference. */
  @Optional()
  @Is(identifier)
  conveyanceRef?: string;
}

/** The validated `data` of a `GoodsArrived` event. */
export type GoodsArrivedData = Readonly<GoodsArrivedDto>;
