import { freeText } from '../field-checks.js';
import { Is, Required } from '../field-decorators.js';

/** `data` of `DeclarationCancelled`: the declaration was withdrawn or invalidated. */
export class DeclarationCancelledDto {
  @Required()
  @Is(freeText)
  reason!: string;
}

/** The validated `data` of a `DeclarationCancelled` event. */
export type DeclarationCancelledData = Readonly<DeclarationCancelledDto>;
