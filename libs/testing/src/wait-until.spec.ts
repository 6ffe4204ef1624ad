import { describe, expect, it } from '@jest/globals';

import { waitUntil } from './wait-until.js';

describe('waitUntil', () => {
  it('resolves once the condition holds', async () => {
    let polls = 0;
    await waitUntil('three polls', () => (polls += 1) === 3, 5_000);
    expect(polls).toBe(3);
  });

  it('names what it waited for, asking a message given as a function what the condition saw last', async () => {
    let seen = 0;
    await expect(waitUntil('never', () => false, 30)).rejects.toThrow('timed out after 30 ms waiting until never');
    await expect(
      waitUntil(
        () => `seen reaches 1000 (last seen ${seen})`,
        () => (seen += 1) >= 1_000_000,
        30,
      ),
    ).rejects.toThrow(/waiting until seen reaches 1000 \(last seen [1-9]\d*\)/);
  });
});
