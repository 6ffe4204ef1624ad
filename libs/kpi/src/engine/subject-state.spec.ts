import { describe, expect, it } from '@jest/globals';

import { SubjectState } from './subject-state.js';

describe('SubjectState', () => {
  it('is to be listed as dirty once, until it is drained', () => {
    const state = new SubjectState('D1', { count: 0 });
    expect(state.touch()).toBe(true);
    expect(state.touch()).toBe(false);
    expect(state.drained()).toBe(state);
    expect(state.touch()).toBe(true);
  });
});
