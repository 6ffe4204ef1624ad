import { identifier, listOf } from '../field-checks.js';
import { Is, Required } from '../field-decorators.js';

/** `data` of `DeclarationRejected`: customs refused the declaration as lodged. */
export class DeclarationRejectedDto {
  /** The reasons, as codes of the customs system; a rejection without a reason is not accepted. */
  @Required()
  @Is(listOf(identifier, 'must be a non-empty array of strings of 1 to 128 characters', { nonEmpty: true }))
  errorCodes!: string[];
}

/** The validated `data` of a `DeclarationRejected` event. */
export type DeclarationRejectedData = Readonly<DeclarationRejectedDto>;
