import { EventStoreUnavailableError } from '@customs-pulse/event-store';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ProblemException } from './problem.exception.js';

interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: readonly { path: string; message: string }[];
}

interface ReplyLike {
  status(code: number): ReplyLike;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/** Every error leaves the API as `application/problem+json` (RFC 9457), as api.md requires. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const problem = this.toProblem(exception);
    if (exception instanceof EventStoreUnavailableError) reply.setHeader('Retry-After', '1');
    if (exception instanceof ProblemException && exception.retryAfterSeconds !== undefined) {
      reply.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    reply.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    reply.status(problem.status).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const problem: ProblemDetails = { type: 'about:blank', title: title(status), status, detail: detailOf(exception) };
      if (exception instanceof ProblemException && exception.errors) problem.errors = exception.errors;
      return problem;
    }
    if (exception instanceof EventStoreUnavailableError) {
      this.logger.warn(`event store unavailable: ${String(exception.cause ?? exception.message)}`);
      const status = HttpStatus.SERVICE_UNAVAILABLE;
      return { type: 'about:blank', title: title(status), status, detail: 'the event store is unavailable; retry later' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { type: 'about:blank', title: title(status), status, detail: 'an unexpected error occurred' };
  }
}

function title(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
