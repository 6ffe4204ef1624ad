import { RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole, ProblemException } from '@customs-pulse/http';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import type { ChainVerification } from '../../chain/chain-verification.js';
import { VerificationRangeError } from '../../chain/verification-range-error.js';
import { type AuditedEvent, GetStreamHistoryQuery } from '../queries/get-stream-history.query.js';
import { VerifyHashChainQuery } from '../queries/verify-hash-chain.query.js';
import { AuditedEventSchema } from './audited-event.schema.js';
import { ChainVerificationSchema } from './chain-verification.schema.js';
import { ApiVerifyQueries } from './verify-parameters.docs.js';
import { type QueryString, verifyOptionsOf } from './verify-parameters.js';

/** The audit endpoints of api.md: a subject's stored history and the hash-chain walk. Role `auditor`. */
@Controller('api/audit')
@RequireRole('auditor')
@ApiTags('Audit')
@ApiRole('auditor')
export class AuditController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /** The subject is URL-encoded in the path (it may hold `/`); Express decodes it. */
  @Get('streams/:subject')
  @ApiOperation({ summary: "A subject's stored history", description: 'Every stored event of the subject, in stream order, with `position`, `recordedAt` and `hash`.' })
  @ApiParam({ name: 'subject', type: String, description: 'The subject (a declaration, case or alert id), URL-encoded: it may hold `/`' })
  @ApiOkResponse({ type: [AuditedEventSchema], description: 'The events, in stream order' })
  @ApiProblemResponses({ 404: 'No event of that subject is stored' })
  async streamHistory(@Param('subject') subject: string): Promise<AuditedEvent[]> {
    const events = await this.queries.execute(new GetStreamHistoryQuery(subject));
    if (events.length === 0) throw new NotFoundException(`no event of subject ${JSON.stringify(subject)} is stored`);
    return events;
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chain',
    description: 'Walks the hash chain over the range and stops at the first link that does not hold. Without parameters: the whole log.',
  })
  @ApiVerifyQueries()
  @ApiOkResponse({ type: ChainVerificationSchema, description: 'What the walk found' })
  @ApiProblemResponses({ 400: 'An unknown or malformed parameter, or options that describe no part of the log (e.g. `from` after `to`); `errors` names each' })
  async verify(@Query() query: QueryString): Promise<ChainVerification> {
    const options = verifyOptionsOf(query);
    try {
      const { ok, checked, firstBroken } = await this.queries.execute(new VerifyHashChainQuery(options));
      // Exactly the fields of api.md, in its order.
      return firstBroken === undefined ? { ok, checked } : { ok, checked, firstBroken };
    } catch (error) {
      if (error instanceof VerificationRangeError) throw new ProblemException(400, error.message, [{ path: 'query', message: error.message }]);
      throw error;
    }
  }
}
