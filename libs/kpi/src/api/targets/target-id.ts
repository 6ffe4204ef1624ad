import { type TargetProblem } from '../../targets/target-body.js';

/** targets-and-reports.md: 1..64 characters of `[a-z0-9-]`, chosen by the admin. */
const TARGET_ID = /^[a-z0-9-]{1,64}$/;

/** The problem with a target id in a path, or none. */
export function targetIdProblems(id: string): TargetProblem[] {
  return TARGET_ID.test(id) ? [] : [{ path: 'path.id', message: 'must be 1 to 64 characters of a-z, 0-9 and -' }];
}
