import { RELEASE_TYPES, type ReleaseType } from '../enumerations.js';
import { oneOf } from '../field-checks.js';
import { Is, Optional } from '../field-decorators.js';

/** `data` of `GoodsReleased`: customs released the goods to the declarant. */
export class GoodsReleasedDto {
  @Optional()
  @Is(oneOf(RELEASE_TYPES))
  releaseType?: ReleaseType;
}

/** The validated `data` of a `GoodsReleased` event. */
export type GoodsReleasedData = Readonly<GoodsReleasedDto>;
