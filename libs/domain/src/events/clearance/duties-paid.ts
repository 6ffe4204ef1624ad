import { PAYMENT_METHODS, type PaymentMethod } from '../enumerations.js';
import { amount, currencyCode, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `DutiesPaid`: duties were paid or secured. */
export class DutiesPaidDto {
  /** In the reporting currency. */
  @Required()
  @Is(amount)
  amount!: number;

  @Required()
  @Is(oneOf(PAYMENT_METHODS))
  method!: PaymentMethod;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;
}

/** The validated `data` of a `DutiesPaid` event. */
export type DutiesPaidData = Readonly<DutiesPaidDto>;
