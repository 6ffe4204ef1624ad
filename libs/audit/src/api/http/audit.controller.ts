import { RequireRole } from '@customs-pulse/auth';
import { ProblemException } from '@customs-pulse/http';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

import type { ChainVerification } from '../../chain/chain-verification.js';
import { VerificationRangeError } from '../../chain/verification-range-error.js';
import { type AuditedEvent, GetStreamHistoryQuery } from '../queries/get-stream-history.query.js';
import { VerifyHashChainQuery } from '../queries/verify-hash-chain.query.js';
import { type QueryString, verifyOptionsOf } from './verify-parameters.js';

/** The audit endpoints of api.md: a subject's stored history and the hash-chain walk. Role `auditor`. */
@Controller('api/audit')
@RequireRole('auditor')
export class AuditController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /** The subject is URL-encoded in the path (it may hold `/`); Express decodes it. */
  @Get('streams/:subject')
  async streamHistory(@Param('subject') subject: string): Promise<AuditedEvent[]> {
    const events = await this.queries.execute(new GetStreamHistoryQuery(subject));
    if (events.length === 0) throw new NotFoundException(`no event of subject ${JSON.stringify(subject)} is stored`);
    return events;
  }

  @Get('verify')
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
