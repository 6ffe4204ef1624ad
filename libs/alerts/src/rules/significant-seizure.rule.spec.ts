import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { observed } from '../testing/observed-events.js';
import { significantSeizure } from './significant-seizure.rule.js';

const SEIZURE_ALERT_VALUE = 100_000;
const seizure = (category: string, estimatedValue: number) =>
  observed(anEvent.seizureRecorded('CASE-1', { officeId: 'UZ-TAS', category, estimatedValue, detectionMethod: 'CANINE' }), 9);

describe('the significant seizure rule', () => {
  it.each(['DRUGS', 'WEAPONS'])('fires on a seizure of %s whatever its value, at critical, in its office', (category) => {
    expect(significantSeizure(seizure(category, 0), SEIZURE_ALERT_VALUE)).toEqual({
      rule: 'significant_seizure',
      severity: 'critical',
      filters: { office: 'UZ-TAS' },
      value: 0,
      threshold: null,
      details: { caseId: 'CASE-1', category, detectionMethod: 'CANINE', quantity: 12.5, unit: 'kg', reasons: ['category'] },
    });
  });

  it('does not fire on a seizure of another category at or below SEIZURE_ALERT_VALUE', () => {
    expect(significantSeizure(seizure('TOBACCO', 3_000), SEIZURE_ALERT_VALUE)).toBeNull();
    expect(significantSeizure(seizure('TOBACCO', 100_000), SEIZURE_ALERT_VALUE)).toBeNull();
  });

  it('fires on a seizure of any category valued above SEIZURE_ALERT_VALUE, naming the value it crossed', () => {
    expect(significantSeizure(seizure('TOBACCO', 100_000.01), SEIZURE_ALERT_VALUE)).toMatchObject({
      severity: 'critical',
      value: 100_000.01,
      threshold: 100_000,
      details: { reasons: ['value'] },
    });
  });

  it('gives both reasons for a large drugs seizure', () => {
    expect(significantSeizure(seizure('DRUGS', 250_000), SEIZURE_ALERT_VALUE)).toMatchObject({ threshold: 100_000, details: { reasons: ['category', 'value'] } });
  });

  it('follows the configured SEIZURE_ALERT_VALUE', () => {
    expect(significantSeizure(seizure('ALCOHOL', 600), 500)).toMatchObject({ threshold: 500 });
    expect(significantSeizure(seizure('ALCOHOL', 600), 1_000)).toBeNull();
  });

  it('does not fire on another type of event', () => {
    expect(significantSeizure(observed(anEvent.offenceCaseOpened('CASE-1'), 1), SEIZURE_ALERT_VALUE)).toBeNull();
  });
});
