import { randomInt } from 'node:crypto';

/**
 * The seed of a fault test's random choices: `FAULT_SEED` when given (to replay a failed run), else drawn. Printed
 * either way, so that any run can be replayed.
 */
export function faultSeed(suite: string): number {
  const given = process.env.FAULT_SEED;
  if (given !== undefined && !/^\d+$/.test(given)) throw new Error(`FAULT_SEED must be a whole number, got '${given}'`);
  const seed = given === undefined ? randomInt(1, 2 ** 31) : Number(given);
  process.stderr.write(`${suite}: FAULT_SEED=${seed}${given === undefined ? ' (drawn; set FAULT_SEED to replay this run)' : ''}\n`);
  return seed;
}
