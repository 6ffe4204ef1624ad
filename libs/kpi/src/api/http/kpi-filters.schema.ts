import { REGIMES, SEIZURE_CATEGORIES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { type KpiFilters } from '../../engine/slices.js';

/** The OpenAPI shape of the slice an answer is for: the filters asked, `{}` for the total. */
@ApiSchema({ name: 'KpiFilters' })
export class KpiFiltersSchema implements KpiFilters {
  @ApiPropertyOptional({ type: String, example: 'UZ-TAS' })
  readonly office?: string;

  @ApiPropertyOptional({ enum: [...TRANSPORT_MODES] })
  readonly transportMode?: string;

  @ApiPropertyOptional({ enum: [...REGIMES] })
  readonly regime?: string;

  @ApiPropertyOptional({ enum: [...SEIZURE_CATEGORIES] })
  readonly category?: string;
}
