import { randomInt } from 'node:crypto';

/**
 * A count of the fault suite (rounds, inputs) from the environment variable `name`, or CI's value: the suite runs
 * with the defaults in CI, and with more (or fewer) by hand.
 * @throws Error naming the variable when it is set to anything but a positive integer.
 */
export function faultCount(name: string, ciValue: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return ciValue;
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return count;
}

/**
 * The seed of the fault suite's random choices (kill times, inputs): `FAULT_SEED`, or a fresh one. Given the suite's
 * name, it prints the seed at once, before anything can fail, so that `FAULT_SEED=<it>` replays a failed run's choices.
 * @throws Error when `FAULT_SEED` is set to anything but an integer from 0 to 2^32 - 1.
 */
export function faultSeed(suite?: string): number {
  const text = process.env['FAULT_SEED'];
  const drawn = text === undefined || text === '';
  const seed = drawn ? randomInt(2 ** 32) : Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`FAULT_SEED must be an integer from 0 to 4294967295, got ${JSON.stringify(text)}`);
  if (suite !== undefined) process.stderr.write(`\n${suite}: FAULT_SEED=${seed}${drawn ? ' (drawn; set FAULT_SEED to replay this run)' : ''}\n\n`);
  return seed;
}
