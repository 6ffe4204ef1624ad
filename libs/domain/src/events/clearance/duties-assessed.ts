import { amount, currencyCode } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `DutiesAssessed`: duties and taxes due on the declaration were calculated. */
export class DutiesAssessedDto {
  /** In the reporting currency. */
  @Required()
  @Is(amount)
  amount!: number;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;
}

/** The validated `data` of a `DutiesAssessed` event. */
export type DutiesAssessedData = Readonly<DutiesAssessedDto>;
