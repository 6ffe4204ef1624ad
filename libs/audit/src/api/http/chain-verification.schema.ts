import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { type BrokenLink, type ChainVerification } from '../../chain/chain-verification.js';

/** The OpenAPI shape of the first link of the hash chain that does not hold. */
@ApiSchema({ name: 'BrokenLink' })
export class BrokenLinkSchema implements BrokenLink {
  @ApiProperty({ type: 'integer' })
  readonly position!: number;

  @ApiProperty({ type: String, description: 'The hash recomputed from the stored fields (or the anchor\'s), or what the log should hold there' })
  readonly expected!: string;

  @ApiProperty({ type: String, description: 'The stored hash, or what the log holds there' })
  readonly found!: string;
}

/** The OpenAPI shape of `GET /api/audit/verify`. */
@ApiSchema({ name: 'ChainVerification' })
export class ChainVerificationSchema implements ChainVerification {
  @ApiProperty({ type: Boolean, description: 'Every link of the range holds' })
  readonly ok!: boolean;

  @ApiProperty({ type: 'integer', description: 'Links found intact, from the start of the range, before the first broken one' })
  readonly checked!: number;

  @ApiPropertyOptional({ type: () => BrokenLinkSchema, description: 'Present only when `ok` is false' })
  readonly firstBroken?: BrokenLinkSchema;
}
