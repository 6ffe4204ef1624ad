import { describe, expect, it } from '@jest/globals';
import { OTHER_REJECTION_REASON, placeWithinReasonCap } from './rejection-reason-cap.js';

const reasons = (...names: string[]) => new Set(names);

describe('placeWithinReasonCap', () => {
  it('keeps every reason by name while there is room', () => {
    expect(placeWithinReasonCap(new Map([['a', 2], ['b', 1]]), reasons(), 3)).toEqual(new Map([['a', 2], ['b', 1]]));
  });

  it('counts new reasons past the cap under other, and kept reasons under their names still', () => {
    const placed = placeWithinReasonCap(new Map([['a', 1], ['c', 2], ['b', 5], ['d', 3]]), reasons('a', 'b'), 3);

    expect(placed).toEqual(new Map([['a', 1], ['c', 2], ['b', 5], [OTHER_REJECTION_REASON, 3]]));
  });

  it('does not count other as one of the capped reasons', () => {
    const placed = placeWithinReasonCap(new Map([['c', 1]]), reasons('a', OTHER_REJECTION_REASON), 2);

    expect(placed).toEqual(new Map([['c', 1]]));
  });
});
