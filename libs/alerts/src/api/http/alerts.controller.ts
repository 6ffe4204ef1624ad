import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ProblemException, type RequestProblem } from '@customs-pulse/http';
import { type AlertNotice, type AlertStatus } from '@customs-pulse/realtime';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { IncomingMessage } from 'node:http';

import { AcknowledgeAlertCommand } from '../commands/acknowledge-alert.command.js';
import { ListAlertsQuery } from '../queries/list-alerts.query.js';
import { answeringAlertCommand } from './alert-problems.js';
import { readJsonObjectBody } from './json-object-body.js';

const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];

/** Longest acknowledgement note: a sentence or a ticket reference, not a report. */
export const MAX_NOTE_LENGTH = 1000;

/** The alerts of api.md for the risk unit: list them, acknowledge one. */
@Controller('api/alerts')
@RequireRole('risk')
export class AlertsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  /** `GET /api/alerts?status=open|acknowledged|resolved`: newest raised first; every alert without `status`. */
  @Get()
  list(@Query() query: Readonly<Record<string, unknown>>): Promise<AlertNotice[]> {
    return this.queries.execute(new ListAlertsQuery(statusOf(query)));
  }

  /** `POST /api/alerts/:id/acknowledge` with `{note?}`: 404 for an unknown alert, 409 unless it is open. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  async acknowledge(@Param('id') id: string, @Req() request: IncomingMessage & { principal?: Principal }): Promise<AlertNotice> {
    const note = noteOf(await readJsonObjectBody(request));
    return answeringAlertCommand(() => this.commands.execute(new AcknowledgeAlertCommand(id, note, request.principal?.subject ?? null)));
  }
}

function statusOf(query: Readonly<Record<string, unknown>>): AlertStatus | undefined {
  const problems: RequestProblem[] = [];
  for (const name of Object.keys(query)) {
    if (name !== 'status') problems.push({ path: `query.${name}`, message: 'is not a parameter of this endpoint; it takes status' });
  }
  const status = query['status'];
  const known = STATUSES.find((candidate) => candidate === status);
  if (status !== undefined && known === undefined) problems.push({ path: 'query.status', message: `must be one of ${STATUSES.join(', ')}` });
  if (problems.length > 0) throw new ProblemException(400, problems.map(({ path, message }) => `${path} ${message}`).join('; '), problems);
  return known;
}

function noteOf(body: Readonly<Record<string, unknown>>): string | null {
  const problems: RequestProblem[] = [];
  for (const name of Object.keys(body)) {
    if (name !== 'note') problems.push({ path: `body.${name}`, message: 'is not a field of an acknowledgement; it takes note' });
  }
  const note = body['note'];
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH)) {
    problems.push({ path: 'body.note', message: `must be a string of at most ${MAX_NOTE_LENGTH} characters` });
  }
  if (problems.length > 0) throw new ProblemException(400, problems.map(({ path, message }) => `${path} ${message}`).join('; '), problems);
  return typeof note === 'string' && note !== '' ? note : null;
}
