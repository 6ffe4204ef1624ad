import {
  DISCREPANCY_TYPES,
  EXAMINATION_RESULTS,
  type DiscrepancyType,
  type ExaminationResult,
} from '../enumerations.js';
import { listOf, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `ExaminationCompleted`: the examination ended, with or without a finding. */
export class ExaminationCompletedDto {
  @Required()
  @Is(oneOf(EXAMINATION_RESULTS))
  result!: ExaminationResult;

  @Optional()
  @Is(listOf(oneOf(DISCREPANCY_TYPES), `must be an array of values from ${DISCREPANCY_TYPES.join(', ')}`))
  discrepancyTypes?: DiscrepancyType[];
}

/** The validated `data` of an `ExaminationCompleted` event. */
export type ExaminationCompletedData = Readonly<ExaminationCompletedDto>;
