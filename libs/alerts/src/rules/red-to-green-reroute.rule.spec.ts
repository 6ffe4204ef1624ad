import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { observed } from '../testing/observed-events.js';
import { redToGreenReroute } from './red-to-green-reroute.rule.js';

const reroute = (fromLane: string, toLane: string) =>
  observed(anEvent.laneRerouted('DEC-1', { fromLane, toLane, officerId: 'OFFICER-7', reason: 'documents sufficient' }), 3);

describe('the RED to GREEN reroute rule', () => {
  it('fires on a LaneRerouted from RED to GREEN, at warning, in the declaration’s office', () => {
    expect(redToGreenReroute(reroute('RED', 'GREEN'), 'UZ-TAS')).toEqual({
      rule: 'red_to_green_reroute',
      severity: 'warning',
      filters: { office: 'UZ-TAS' },
      value: null,
      threshold: null,
      details: { declarationId: 'DEC-1', fromLane: 'RED', toLane: 'GREEN', officerId: 'OFFICER-7', reason: 'documents sufficient' },
    });
  });

  it('fires without an office slice when the declaration’s office is not known yet', () => {
    expect(redToGreenReroute(reroute('RED', 'GREEN'), null)).toMatchObject({ filters: {} });
  });

  it.each([
    ['RED', 'YELLOW'],
    ['RED', 'BLUE'],
    ['YELLOW', 'GREEN'],
    ['GREEN', 'RED'],
  ])('does not fire on a reroute from %s to %s', (fromLane, toLane) => {
    expect(redToGreenReroute(reroute(fromLane, toLane), 'UZ-TAS')).toBeNull();
  });

  it('does not fire on another type of event', () => {
    expect(redToGreenReroute(observed(anEvent.laneAssigned('DEC-1', { lane: 'GREEN' }), 1), 'UZ-TAS')).toBeNull();
  });
});
