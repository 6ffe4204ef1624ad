import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import type { ChainVerification, VerifyChainOptions } from '../../chain/chain-verification.js';
import { verifyChain } from '../../chain/verify-chain.js';

/** A walk of the hash chain over the range and against the anchor given, if any. */
export class VerifyHashChainQuery extends Query<ChainVerification> {
  constructor(readonly options: VerifyChainOptions) {
    super();
  }
}

@QueryHandler(VerifyHashChainQuery)
export class VerifyHashChainHandler implements IQueryHandler<VerifyHashChainQuery, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ options }: VerifyHashChainQuery): Promise<ChainVerification> {
    return verifyChain(this.store, options);
  }
}
