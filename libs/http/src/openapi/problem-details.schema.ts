import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { RequestProblem } from '../problem.exception.js';

/** One problem with a request, as `errors` lists it: the documentation of {@link RequestProblem}. */
@ApiSchema({ name: 'RequestProblem' })
export class RequestProblemSchema implements RequestProblem {
  @ApiProperty({ type: String, description: 'Where the problem is: `body.<field>`, `query.<parameter>`, or an event field', example: 'query.granularity' })
  readonly path!: string;

  @ApiProperty({ type: String, example: 'must be one of hour, day' })
  readonly message!: string;
}

/** Every error of the API (api.md): RFC 9457 problem details, sent as `application/problem+json`. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsSchema {
  @ApiProperty({ type: String, example: 'about:blank' })
  readonly type!: string;

  @ApiProperty({ type: String, description: 'The HTTP reason phrase', example: 'Bad Request' })
  readonly title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  readonly status!: number;

  @ApiProperty({ type: String, example: 'query.granularity must be one of hour, day' })
  readonly detail!: string;

  @ApiProperty({ type: () => [RequestProblemSchema], required: false, description: 'Each problem found, on a validation failure' })
  readonly errors?: readonly RequestProblemSchema[];
}
