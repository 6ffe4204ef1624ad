import { DOCUMENTARY_CHECK_RESULTS, type DocumentaryCheckResult } from '../enumerations.js';
import { oneOf } from '../field-checks.js';
import { Is, Required } from '../field-decorators.js';

/** `data` of `DocumentaryCheckCompleted`: the documents of a yellow-lane declaration were checked. */
export class DocumentaryCheckCompletedDto {
  @Required()
  @Is(oneOf(DOCUMENTARY_CHECK_RESULTS))
  result!: DocumentaryCheckResult;
}

/** The validated `data` of a `DocumentaryCheckCompleted` event. */
export type DocumentaryCheckCompletedData = Readonly<DocumentaryCheckCompletedDto>;
