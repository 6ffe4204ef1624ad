import { RequireRole } from '@customs-pulse/auth';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from '@customs-pulse/domain';
import { ApiProblemResponses, ApiRole, readRequestText } from '@customs-pulse/http';
import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { IngestEventsCommand } from '../ingest-events.command.js';
import type { IngestReport } from '../ingest-report.js';
import { ApiCloudEventsBody } from './cloud-event.schema.js';
import { candidatesFromBody } from './events-body.js';
import { IngestAnswerSchema } from './ingest-answer.schema.js';

/** `POST /api/events`: the HTTP transport of the ingest use case. */
@Controller('api/events')
@ApiTags('Ingest')
export class EventsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  /**
   * Answers 200 only after every accepted event is durably stored, with `{accepted, duplicates, rejected}`; valid
   * events are stored even when others in the batch are rejected.
   */
  @Post()
  @HttpCode(200)
  @RequireRole('ingest')
  @ApiRole('ingest')
  @ApiOperation({
    summary: 'Submit events',
    description:
      'Answers once every accepted event is durably stored; the valid events of a batch are stored whatever the others are, ' +
      'so a 200 may reject every item.',
  })
  @ApiCloudEventsBody()
  @ApiOkResponse({ type: IngestAnswerSchema, description: 'Every accepted event is durably stored' })
  @ApiProblemResponses({
    400: 'The body is not valid UTF-8, is not JSON, is another JSON value than an object or array, or is an empty array',
    413: `The body is over ${MAX_BATCH_BYTES} bytes (5 MiB), or the array holds over ${MAX_BATCH_EVENTS} items`,
    503: 'The event store is unreachable; retry after the `Retry-After` seconds',
  })
  async ingest(@Req() request: IncomingMessage): Promise<Omit<IngestReport, 'outcomes'>> {
    // The body is read here, not by a global parser, so that 413 and 400 follow api.md exactly.
    const candidates = candidatesFromBody(await readRequestText(request, MAX_BATCH_BYTES));
    const { accepted, duplicates, rejected } = await this.commands.execute(new IngestEventsCommand(candidates, 'http'));
    return { accepted, duplicates, rejected };
  }
}
