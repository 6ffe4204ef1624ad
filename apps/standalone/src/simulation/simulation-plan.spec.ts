import { describe, expect, it } from '@jest/globals';
import { ConfigError, type SimulationSettings } from '@customs-pulse/config';
import { simulationPlan } from './simulation-plan.js';

const settings: SimulationSettings = { rate: 1, seed: 1, offices: 6, days: 0, incidents: [] };

function errorOf(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('simulationPlan', () => {
  it('reads SIMULATE_INCIDENTS against the simulated offices', () => {
    expect(simulationPlan({ ...settings, incidents: ['office-slowdown@120', 'seizure-spike:UZ-YAL'] }).incidents).toEqual([
      { kind: 'office-slowdown', afterSeconds: 120 },
      { kind: 'seizure-spike', officeId: 'UZ-YAL', afterSeconds: 0 },
    ]);
  });

  it.each([
    [{ offices: 100 }, 'SIMULATE_OFFICES', /whole number from 1 to 99/],
    [{ incidents: ['earthquake'] }, 'SIMULATE_INCIDENTS', /office-slowdown, seizure-spike, lane-downgrades/],
    [{ incidents: ['seizure-spike:UZ-KAR'] }, 'SIMULATE_INCIDENTS', /UZ-KAR is not simulated/],
  ])('stops on %p with a configuration error naming %s', (change, variable, problem) => {
    const error = errorOf(() => simulationPlan({ ...settings, ...change }));

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
    expect((error as ConfigError).message).toMatch(problem);
  });
});
