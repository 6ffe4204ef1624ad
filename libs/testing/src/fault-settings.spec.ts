import { afterEach, describe, expect, it } from '@jest/globals';

import { faultCount, faultSeed } from './fault-settings.js';

describe('the fault suite settings', () => {
  const saved = { FAULT_SEED: process.env['FAULT_SEED'], FAULT_TEST_ROUNDS: process.env['FAULT_TEST_ROUNDS'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('takes a count from its variable, and CI\'s value when it is unset or empty', () => {
    delete process.env['FAULT_TEST_ROUNDS'];
    expect(faultCount('FAULT_TEST_ROUNDS', 10)).toBe(10);
    process.env['FAULT_TEST_ROUNDS'] = '';
    expect(faultCount('FAULT_TEST_ROUNDS', 10)).toBe(10);
    process.env['FAULT_TEST_ROUNDS'] = '3';
    expect(faultCount('FAULT_TEST_ROUNDS', 10)).toBe(3);
  });

  it('refuses a count that is not a positive integer, naming the variable', () => {
    for (const text of ['0', '-1', '2.5', 'ten']) {
      process.env['FAULT_TEST_ROUNDS'] = text;
      expect(() => faultCount('FAULT_TEST_ROUNDS', 10)).toThrow(`FAULT_TEST_ROUNDS must be a positive integer, got "${text}"`);
    }
  });

  it('replays FAULT_SEED, and draws a fresh 32-bit seed without it', () => {
    process.env['FAULT_SEED'] = '4294967295';
    expect(faultSeed()).toBe(4_294_967_295);
    delete process.env['FAULT_SEED'];
    const seed = faultSeed();
    expect(Number.isSafeInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });

  it('refuses a FAULT_SEED outside 0 to 2^32 - 1', () => {
    for (const text of ['-1', '4294967296', '1.5', 'abc']) {
      process.env['FAULT_SEED'] = text;
      expect(() => faultSeed()).toThrow(`FAULT_SEED must be an integer from 0 to 4294967295, got "${text}"`);
    }
  });
});
