import { RequireRole } from '@customs-pulse/auth';
import { MAX_BATCH_BYTES } from '@customs-pulse/domain';
import { readRequestBody } from '@customs-pulse/http';
import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { IncomingMessage } from 'node:http';
import { IngestEventsCommand } from '../ingest-events.command.js';
import type { IngestReport } from '../ingest-report.js';
import { candidatesFromBody } from './events-body.js';

/** `POST /api/events`: the HTTP transport of the ingest use case. */
@Controller('api/events')
export class EventsController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  /**
   * Answers 200 only after every accepted event is durably stored, with `{accepted, duplicates, rejected}`; valid
   * events are stored even when others in the batch are rejected.
   */
  @Post()
  @HttpCode(200)
  @RequireRole('ingest')
  async ingest(@Req() request: IncomingMessage): Promise<Omit<IngestReport, 'outcomes'>> {
    // The body is read here, not by a global parser, so that 413 and 400 follow api.md exactly.
    const candidates = candidatesFromBody(await readRequestBody(request, MAX_BATCH_BYTES));
    const { accepted, duplicates, rejected } = await this.commands.execute(new IngestEventsCommand(candidates));
    return { accepted, duplicates, rejected };
  }
}
