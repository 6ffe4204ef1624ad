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
