import { type AppendOutcome } from '@customs-pulse/event-store';

import { type TargetProblem } from '../../targets/target-body.js';

/** A `PUT /api/targets/:id` whose id or body is wrong: answered 400 naming each problem. */
export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';

  constructor(readonly problems: readonly TargetProblem[]) {
    super(problems.map(({ path, message }) => `${path} ${message}`).join('; '));
  }
}

/** No target of that id is in force: 404. */
export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';

  constructor(id: string) {
    super(`there is no target ${JSON.stringify(id)} in force; GET /api/targets lists them`);
  }
}

/** Another node recorded a different change of the same target first: 409, try again. */
export class ConcurrentTargetChangeError extends Error {
  override readonly name = 'ConcurrentTargetChangeError';

  constructor(id: string) {
    super(`target ${JSON.stringify(id)} was changed by another request at the same time; read it and try again`);
  }
}

/**
 * What a target change's append came to, as the request's answer: a conflict is another request's change (409); an
 * event the store cannot hold is the body's fault (400, naming the field), never a silent 200 over nothing stored.
 */
export function throwUnlessStored(outcome: AppendOutcome, id: string): void {
  if (outcome.status === 'conflict') throw new ConcurrentTargetChangeError(id);
  if (outcome.status === 'rejected') {
    throw new InvalidTargetError([{ path: outcome.field.replace(/^data\./, 'body.'), message: `cannot be stored: ${outcome.reason}` }]);
  }
}
