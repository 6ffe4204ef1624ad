import { describe, expect, it } from '@jest/globals';

import { formatProblem } from './validation-problem.js';

describe('formatProblem', () => {
  it('writes a problem as its path, a colon and its message', () => {
    expect(formatProblem({ path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' })).toBe(
      'data.lane: must be one of GREEN, YELLOW, RED, BLUE',
    );
  });

  it('writes a problem of the event root as its message alone', () => {
    expect(formatProblem({ path: '', message: 'must be a JSON object' })).toBe('must be a JSON object');
  });
});
