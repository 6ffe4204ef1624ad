import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/**
 * The OpenAPI parameters of `GET /api/audit/verify`, as `verifyOptionsOf` reads them. The controller takes the
 * query string whole (to name every unknown parameter in one 400), so nothing of it can be inferred.
 */
export const ApiVerifyQueries = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, type: 'integer', minimum: 1, description: 'First position verified. Default 1' }),
    ApiQuery({ name: 'to', required: false, type: 'integer', minimum: 0, description: 'Last position verified, included; all up to it must be stored. Default the head' }),
    ApiQuery({
      name: 'anchor',
      required: false,
      type: String,
      pattern: '^[0-9]{1,15}:[0-9a-f]{64}$',
      description: 'A link noted earlier, `<position>:<hash>` (e.g. the head `npm run audit:verify` printed): its stored hash must still be that',
    }),
  );
