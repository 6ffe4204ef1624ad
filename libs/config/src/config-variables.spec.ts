import { describe, expect, it } from '@jest/globals';
import { CONFIG_VARIABLES } from './config-variables.js';

// That loadConfig reads exactly these variables, and the logger the ones read elsewhere, is proved where both
// readers can be imported: test/deploy/app-environment.spec.ts.
describe('CONFIG_VARIABLES', () => {
  it('names each variable once, with what it sets and the apps that read it', () => {
    const names = CONFIG_VARIABLES.map(({ name }) => name);

    expect(new Set(names).size).toBe(names.length);
    for (const variable of CONFIG_VARIABLES) {
      expect(variable.sets).not.toBe('');
      expect(variable.readBy.length).toBeGreaterThan(0);
    }
  });

  it('gives each variable one default value or says what leaving it unset means, never both', () => {
    for (const variable of CONFIG_VARIABLES) expect([variable.name, 'default' in variable]).toEqual([variable.name, !('whenUnset' in variable)]);
  });
});
