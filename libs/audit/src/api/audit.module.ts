import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditController } from './http/audit.controller.js';
import { GetStreamHistoryHandler } from './queries/get-stream-history.query.js';
import { VerifyHashChainHandler } from './queries/verify-hash-chain.query.js';

/**
 * The audit endpoints (api.md): `GET /api/audit/streams/:subject` and `GET /api/audit/verify`, role `auditor`.
 * Needs `EVENT_STORE` from the app. `asOf` queries belong to the KPI module, which answers them.
 */
@Module({})
export class AuditModule {
  static forRoot(): DynamicModule {
    return {
      module: AuditModule,
      imports: [CqrsModule],
      controllers: [AuditController],
      providers: [GetStreamHistoryHandler, VerifyHashChainHandler],
    };
  }
}
