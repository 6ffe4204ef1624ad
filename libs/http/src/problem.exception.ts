import { HttpException } from '@nestjs/common';

/** One problem with a request, located by `path` (RFC 9457 extension member `errors`). */
export interface RequestProblem {
  readonly path: string;
  readonly message: string;
}

/** An HTTP error answered as RFC 9457 problem details, with the individual problems when there are several. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly errors?: readonly RequestProblem[],
    /** Sent as `Retry-After`: when a 503 is worth trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail, status);
  }
}
