import {
  DETECTION_METHODS,
  SEIZURE_CATEGORIES,
  TRANSPORT_MODES,
  type DetectionMethod,
  type SeizureCategory,
  type TransportMode,
} from '../enumerations.js';
import { amount, currencyCode, identifier, oneOf, positiveQuantity } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `SeizureRecorded`: goods were seized (subject = seizure case id). */
export class SeizureRecordedDto {
  @Required()
  @Is(identifier)
  officeId!: string;

  @Required()
  @Is(oneOf(TRANSPORT_MODES))
  transportMode!: TransportMode;

  @Required()
  @Is(oneOf(SEIZURE_CATEGORIES))
  category!: SeizureCategory;

  @Required()
  @Is(oneOf(DETECTION_METHODS))
  detectionMethod!: DetectionMethod;

  /** How much was seized, in {@link SeizureRecordedDto.unit}. */
  @Required()
  @Is(positiveQuantity)
  quantity!: number;

  /** Unit of {@link SeizureRecordedDto.quantity}, e.g. `kg`, `pieces`, `litres`. */
  @Required()
  @Is(identifier)
  unit!: string;

  /** In the reporting currency. */
  @Required()
  @Is(amount)
  estimatedValue!: number;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;

  /** The declaration the seizure was made on, if any. */
  @Optional()
  @Is(identifier)
  declarationId?: string;
}

/** The validated `data` of a `SeizureRecorded` event. */
export type SeizureRecordedData = Readonly<SeizureRecordedDto>;
