import { describe, it } from '@jest/globals';
import { inCI } from '../infrastructure.js';

/** Options of {@link describeWithInfrastructure}. */
export interface InfrastructureOptions {
  /**
   * Why CI may go without it: only for infrastructure that cannot run on the CI machines at all (architecture.md
   * names one, KurrentDB). The suite is then skipped loudly under `CI=true` too, with this reason.
   * @defaultValue none: CI fails without the infrastructure
   */
  readonly notInCiBecause?: string;
  /** How to run the suite: said with the skip. @defaultValue none */
  readonly toRun?: string;
}

/**
 * `describe` for tests that need a piece of infrastructure. When it is missing the suite does not vanish quietly:
 * outside CI it is skipped with a warning on stderr naming what is missing; under `CI=true` a failing test
 * stands in its place, unless `options.notInCiBecause` says why CI cannot have it.
 */
export function describeWithInfrastructure(
  what: string,
  available: boolean,
  title: string,
  suite: () => void,
  options: InfrastructureOptions = {},
): void {
  if (available) {
    describe(title, suite);
    return;
  }
  const message = [
    `${title}: ${what} is not available, so these tests did not run.`,
    ...(inCI && options.notInCiBecause !== undefined ? [`CI=true does not fail it: ${options.notInCiBecause}.`] : []),
    ...(options.toRun !== undefined ? [options.toRun] : []),
  ].join(' ');
  if (inCI && options.notInCiBecause === undefined) {
    describe(title, () => it(`needs ${what}`, () => { throw new Error(`${message} CI=true requires it.`); }));
    return;
  }
  process.stderr.write(`\n*** SKIPPED *** ${message}\n\n`);
  describe.skip(title, suite);
}
