import { describe, expect, it } from '@jest/globals';

import { verifyOptionsFromText } from './verify-options-text.js';

const HASH = 'ab'.repeat(32);

describe('verifyOptionsFromText', () => {
  it('reads from, to and an anchor given as <position>:<hash>', () => {
    expect(verifyOptionsFromText({ from: '10', to: '20', anchor: `9:${HASH}` })).toEqual({
      options: { from: 10, to: 20, anchor: { position: 9, hash: HASH } },
      problems: [],
    });
  });

  it('reads nothing as no option: the whole log, from position 1 to the head', () => {
    expect(verifyOptionsFromText({})).toEqual({ options: {}, problems: [] });
  });

  it('names every problem at once: unknown names, malformed positions and anchors, repeated values', () => {
    const { problems } = verifyOptionsFromText({ since: '1', from: '-1', to: ['1', '2'], anchor: `9:${HASH.toUpperCase()}` });

    expect(problems).toEqual([
      { name: 'since', message: expect.stringContaining('is not an option') },
      { name: 'from', message: 'must be a log position, a whole number' },
      { name: 'to', message: 'must be given once, not empty' },
      { name: 'anchor', message: expect.stringContaining('<position>:<hash>') },
    ]);
  });
});
