import { identifier } from '../field-checks.js';
import { Is, Optional } from '../field-decorators.js';

/** `data` of `GoodsExited`: the released goods left the customs area. */
export class GoodsExitedDto {
  @Optional()
  @Is(identifier)
  gate?: string;
}

/** The validated `data` of a `GoodsExited` event. */
export type GoodsExitedData = Readonly<GoodsExitedDto>;
