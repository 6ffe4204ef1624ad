import { describe, it } from '@jest/globals';
import { inCI } from '../infrastructure.js';

/**
 * `describe` for tests that need a piece of infrastructure. When it is missing the suite does not vanish quietly:
 * outside CI it is skipped with a warning on stderr naming what is missing; under `CI=true` a failing test
 * stands in its place.
 */
export function describeWithInfrastructure(what: string, available: boolean, title: string, suite: () => void): void {
  if (available) {
    describe(title, suite);
    return;
  }
  const message = `${title}: ${what} is not available, so these tests did not run.`;
  if (inCI) {
    describe(title, () => it(`needs ${what}`, () => { throw new Error(`${message} CI=true requires it.`); }));
    return;
  }
  process.stderr.write(`\n*** SKIPPED *** ${message}\n\n`);
  describe.skip(title, suite);
}
