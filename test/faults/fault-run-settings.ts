import { randomInt } from 'node:crypto';

/**
 * A count of the fault suite (rounds, inputs) from the environment, CI's value when unset: CI runs the suite once,
 * and a developer can run it smaller or larger without editing it.
 */
export function countFromEnv(name: string, ciValue: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return ciValue;
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`${name} must be a whole number >= 1, got ${JSON.stringify(text)}`);
  return count;
}

/**
 * `FAULT_SEED`, or a fresh seed when unset; printed either way, so that a failing run can be replayed with
 * `FAULT_SEED=<seed>`.
 */
export function faultSeed(suite: string): number {
  const text = process.env.FAULT_SEED;
  const seed = text === undefined || text === '' ? randomInt(1, 2 ** 31) : Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FAULT_SEED must be a whole number, got ${JSON.stringify(text)}`);
  process.stderr.write(`\n${suite}: FAULT_SEED=${seed}\n\n`);
  return seed;
}
