import { EXAMINATION_METHODS, type ExaminationMethod } from '../enumerations.js';
import { identifier, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `ExaminationStarted`: a physical or non-intrusive examination of the goods began. */
export class ExaminationStartedDto {
  @Required()
  @Is(oneOf(EXAMINATION_METHODS))
  method!: ExaminationMethod;

  @Optional()
  @Is(identifier)
  examinerId?: string;
}

/** The validated `data` of an `ExaminationStarted` event. */
export type ExaminationStartedData = Readonly<ExaminationStartedDto>;
