import { type Principal, RequireRole } from '@customs-pulse/auth';
import { ApiProblemResponses, ApiRole, MAX_COMMAND_BODY_BYTES, ProblemException, readJsonObjectBody, type RequestProblem } from '@customs-pulse/http';
import { checkEventCharacters } from '@customs-pulse/domain';

import { type AlertNotice, type AlertStatus } from '../../lifecycle/alert-notice.js';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';

import { AcknowledgeAlertCommand } from '../commands/acknowledge-alert.command.js';
import { ListAlertsQuery } from '../queries/list-alerts.query.js';
import { AcknowledgementSchema, MAX_NOTE_LENGTH } from './acknowledgement.schema.js';
import { ALERT_STATUSES, AlertNoticeSchema } from './alert-notice.schema.js';
import { answeringAlertCommand } from './alert-problems.js';

const STATUSES: readonly AlertStatus[] = ALERT_STATUSES;

/** The alerts of api.md for the risk unit: list them, acknowledge one. */
@Controller('api/alerts')
@RequireRole('risk')
@ApiTags('Alerts')
@ApiRole('risk')
export class AlertsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  /** `GET /api/alerts?status=open|acknowledged|resolved`: newest raised first; every alert without `status`. */
  @Get()
  @ApiOperation({ summary: 'List alerts', description: 'Newest raised first; every alert when `status` is left out.' })
  @ApiQuery({ name: 'status', required: false, enum: ALERT_STATUSES })
  @ApiOkResponse({ type: [AlertNoticeSchema], description: 'The alerts, newest raised first' })
  @ApiProblemResponses({ 400: 'An unknown status or query parameter; `errors` names each' })
  list(@Query() query: Readonly<Record<string, unknown>>): Promise<AlertNotice[]> {
    return this.queries.execute(new ListAlertsQuery(statusOf(query)));
  }

  /** `POST /api/alerts/:id/acknowledge` with `{note?}`: 404 for an unknown alert, 409 unless it is open. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an open alert', description: 'Records `AlertAcknowledged` with the token\'s `sub` and the note; answers the acknowledged alert.' })
  @ApiParam({ name: 'id', type: String, description: 'The alert id, URL-encoded' })
  @ApiBody({ type: AcknowledgementSchema, required: false })
  @ApiOkResponse({ type: AlertNoticeSchema, description: 'The acknowledged alert' })
  @ApiProblemResponses({
    400: `The body is not a JSON object, has another field, or a note that is not a string of at most ${MAX_NOTE_LENGTH} characters`,
    404: 'No alert of that id',
    409: 'The alert is already acknowledged or resolved, or was changed concurrently',
    413: `The body is over ${MAX_COMMAND_BODY_BYTES} bytes`,
  })
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
  } else checkEventCharacters(note, problems, 'body.note');
  if (problems.length > 0) throw new ProblemException(400, problems.map(({ path, message }) => `${path} ${message}`).join('; '), problems);
  return typeof note === 'string' && note !== '' ? note : null;
}
