import { OFFENCE_KINDS, type OffenceKind } from '../enumerations.js';
import { nonEmptyText, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `OffenceCaseOpened`: a customs offence case was opened (subject = offence case id). */
export class OffenceCaseOpenedDto {
  @Required()
  @Is(nonEmptyText)
  officeId!: string;

  @Required()
  @Is(nonEmptyText)
  offenceCode!: string;

  @Required()
  @Is(oneOf(OFFENCE_KINDS))
  kind!: OffenceKind;

  /** The declaration the offence concerns, if any. */
  @Optional()
  @Is(nonEmptyText)
  declarationId?: string;
}

/** The validated `data` of an `OffenceCaseOpened` event. */
export type OffenceCaseOpenedData = Readonly<OffenceCaseOpenedDto>;
