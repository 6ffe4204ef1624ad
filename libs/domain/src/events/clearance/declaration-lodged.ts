import { REGIMES, TRANSPORT_MODES, type Regime, type TransportMode } from '../enumerations.js';
import {
  amount,
  countryCode,
  currencyCode,
  flag,
  hsCode,
  identifier,
  listOf,
  oneOf,
} from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `DeclarationLodged`: a goods declaration was lodged with customs. */
export class DeclarationLodgedDto {
  @Required()
  @Is(identifier)
  officeId!: string;

  @Required()
  @Is(oneOf(REGIMES))
  regime!: Regime;

  @Required()
  @Is(oneOf(TRANSPORT_MODES))
  transportMode!: TransportMode;

  @Required()
  @Is(identifier)
  declarantId!: string;

  /** Whether the declarant is an Authorised Economic Operator. */
  @Required()
  @Is(flag)
  aeo!: boolean;

  /** Whether the declaration was lodged electronically (not on paper). */
  @Required()
  @Is(flag)
  electronic!: boolean;

  /** Whether it was lodged before the goods arrived. */
  @Required()
  @Is(flag)
  preArrival!: boolean;

  /** Customs value of the goods, in the reporting currency. */
  @Required()
  @Is(amount)
  customsValue!: number;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;

  @Optional()
  @Is(listOf(hsCode, 'must be an array of strings of 4 to 10 digits'))
  hsCodes?: string[];

  @Optional()
  @Is(countryCode)
  originCountry?: string;

  /** Whether the consignment is e-commerce (low-value parcels and the like). */
  @Optional()
  @Is(flag)
  ecommerce?: boolean;
}

/** The validated `data` of a `DeclarationLodged` event. */
export type DeclarationLodgedData = Readonly<DeclarationLodgedDto>;
