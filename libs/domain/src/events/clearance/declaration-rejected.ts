import { listOf, nonEmptyText } from '../field-checks.js';
import { Is, Required } from '../field-decorators.js';

/** `data` of `DeclarationRejected`: customs refused the declaration as lodged. */
export class DeclarationRejectedDto {
  /** The reasons, as codes of the customs system; a rejection without a reason is not accepted. */
  @Required()
  @Is(listOf(nonEmptyText, 'must be a non-empty array of non-empty strings', { nonEmpty: true }))
  errorCodes!: string[];
}

/** The validated `data` of a `DeclarationRejected` event. */
export type DeclarationRejectedData = Readonly<DeclarationRejectedDto>;
