import { OFFENCE_KINDS, type OffenceKind } from '../enumerations.js';
import { identifier, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `OffenceCaseOpened`: a customs offence case was opened (subject = offence case id). */
export class OffenceCaseOpenedDto {
  @Required()
  @Is(identifier)
  officeId!: string;

  @Required()
  @Is(identifier)
  offenceCode!: string;

  @Required()
  @Is(oneOf(OFFENCE_KINDS))
  kind!: OffenceKind;

  /** The declaration the offence concerns, if any. */
  @Optional()
  @Is(identifier)
  declarationId?: string;
}

/** The validated `data` of an `OffenceCaseOpened` event. */
export type OffenceCaseOpenedData = Readonly<OffenceCaseOpenedDto>;
