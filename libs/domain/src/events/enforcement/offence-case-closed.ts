import { OFFENCE_OUTCOMES, type OffenceOutcome } from '../enumerations.js';
import { amount, currencyCode, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `OffenceCaseClosed`: an offence case ended (subject = offence case id). */
export class OffenceCaseClosedDto {
  @Required()
  @Is(oneOf(OFFENCE_OUTCOMES))
  outcome!: OffenceOutcome;

  /** In the reporting currency; 0 when no penalty was imposed. */
  @Required()
  @Is(amount)
  penaltyAmount!: number;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;
}

/** The validated `data` of an `OffenceCaseClosed` event. */
export type OffenceCaseClosedData = Readonly<OffenceCaseClosedDto>;
