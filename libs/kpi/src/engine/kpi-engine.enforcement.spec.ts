import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { bucketValue, engineGiven, march, stored } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });
const HOUR_10 = march(2, '10:00');

const SEIZURES = [
  anEvent.seizureRecorded(
    'S1',
    { officeId: 'O1', transportMode: 'SEA', category: 'DRUGS', detectionMethod: 'RISK_PROFILE', estimatedValue: 10000 },
    on(2, '10:00'),
  ),
  anEvent.seizureRecorded(
    'S2',
    { officeId: 'O1', transportMode: 'ROAD', category: 'TOBACCO', detectionMethod: 'ROUTINE', estimatedValue: 2500.5 },
    on(2, '10:20'),
  ),
  anEvent.seizureRecorded(
    'S3',
    { officeId: 'O2', transportMode: 'SEA', category: 'DRUGS', detectionMethod: 'CANINE', estimatedValue: 7000 },
    on(2, '10:59:59.999'),
  ),
  anEvent.seizureRecorded(
    'S4',
    { officeId: 'O1', transportMode: 'SEA', category: 'DRUGS', detectionMethod: 'RANDOM', estimatedValue: 1000 },
    on(2, '11:00'),
  ),
];

describe('seizure KPIs, at event time, by office, transport mode and category', () => {
  const engine = engineGiven(SEIZURES);

  it('seizures_count: n = the count', () => {
    // S1, S2, S3 (S4 at 11:00 is in the next hour)
    expect(bucketValue(engine, 'seizures_count', 'hour', HOUR_10)).toEqual({ value: 3, n: 3 });
  });

  it('seizures_value: sum of estimatedValue', () => {
    // 10000 + 2500.5 + 7000
    expect(bucketValue(engine, 'seizures_value', 'hour', HOUR_10)).toEqual({ value: 19500.5, n: 3 });
    // DRUGS: 10000 + 7000
    expect(bucketValue(engine, 'seizures_value', 'hour', HOUR_10, { category: 'DRUGS' })).toEqual({ value: 17000, n: 2 });
  });

  it('risk_based_seizure_share: detected by RISK_PROFILE, INTELLIGENCE, NII or CANINE', () => {
    // S1 and S3: 2 / 3
    expect(bucketValue(engine, 'risk_based_seizure_share', 'hour', HOUR_10)).toEqual({ value: 2 / 3, n: 3 });
    // S4 (RANDOM): 0 / 1
    expect(bucketValue(engine, 'risk_based_seizure_share', 'hour', march(2, '11:00'))).toEqual({ value: 0, n: 1 });
  });

  it('answers combined filters exactly', () => {
    // O1 + SEA + DRUGS at 10: S1
    const filters = { office: 'O1', transportMode: 'SEA', category: 'DRUGS' };
    expect(bucketValue(engine, 'seizures_count', 'hour', HOUR_10, filters)).toEqual({ value: 1, n: 1 });
    // SEA at 10: S1, S3
    expect(bucketValue(engine, 'seizures_count', 'hour', HOUR_10, { transportMode: 'SEA' })).toEqual({ value: 2, n: 2 });
    // O1 over the day: S1, S2, S4
    expect(bucketValue(engine, 'seizures_count', 'day', march(2, '00:00'), { office: 'O1' })).toEqual({ value: 3, n: 3 });
  });

  it('counts a re-sent seizure once, and each seizure of one case', () => {
    const resent = engineGiven([
      ...SEIZURES,
      SEIZURES[0]!,
      anEvent.seizureRecorded('S1', { officeId: 'O1', category: 'ALCOHOL', estimatedValue: 500 }, on(2, '10:30')),
    ]);
    // S1 twice as sent, S1's second seizure, S2, S3: 4; 19500.5 + 500
    expect(bucketValue(resent, 'seizures_value', 'hour', HOUR_10)).toEqual({ value: 20000.5, n: 4 });
  });
});

/** Ten declarations examined between 14:00 and 15:00, by the basis of their lane. */
const EXAMINED = [
  ...(['CRITERIA', 'CRITERIA', 'CRITERIA', 'CRITERIA', 'RANDOM', 'RANDOM', 'RANDOM', 'RANDOM', 'OFFICER'] as const).map(
    (basis, index) => anEvent.laneAssigned(`E${index + 1}`, { lane: 'RED', basis }, on(2, '09:00')),
  ),
  // hits: E1, E2 (CRITERIA), E5 (RANDOM), E9 (OFFICER); E10 has no lane
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((number) =>
    anEvent.examinationCompleted(
      `E${number}`,
      { result: [1, 2, 5, 9].includes(number) ? 'DISCREPANCY' : 'NO_FINDING' },
      on(2, `14:${String(number * 5).padStart(2, '0')}`),
    ),
  ),
];

describe('examination outcome KPIs, in the hour of examCompletedAt', () => {
  const HOUR_14 = march(2, '14:00');
  const engine = engineGiven(EXAMINED);

  it('inspection_hit_rate: share of examined declarations that are a hit', () => {
    // E1, E2, E5, E9: 4 / 10
    expect(bucketValue(engine, 'inspection_hit_rate', 'hour', HOUR_14)).toEqual({ value: 0.4, n: 10 });
  });

  it('targeting_lift: CRITERIA hit rate over RANDOM hit rate; n = examined with either basis', () => {
    // (2 / 4) / (1 / 4) = 2; n = 4 + 4
    expect(bucketValue(engine, 'targeting_lift', 'hour', HOUR_14)).toEqual({ value: 2, n: 8 });
  });

  it('targeting_lift is null when no RANDOM declaration was examined', () => {
    const criteriaOnly = engineGiven(EXAMINED.filter((event) => !['E5', 'E6', 'E7', 'E8'].includes(String(event['subject']))));
    // 2 / 4 over nothing; n = 4
    expect(bucketValue(criteriaOnly, 'targeting_lift', 'hour', HOUR_14)).toEqual({ value: null, n: 4 });
  });

  it('targeting_lift is null when the RANDOM hit rate is 0', () => {
    const noRandomHit = engineGiven(EXAMINED.filter((event) => String(event['subject']) !== 'E5'));
    // (2 / 4) / (0 / 3); n = 4 + 3
    expect(bucketValue(noRandomHit, 'targeting_lift', 'hour', HOUR_14)).toEqual({ value: null, n: 7 });
  });

  it('targeting_lift is null when no CRITERIA declaration was examined, and over nothing', () => {
    const randomOnly = engineGiven(EXAMINED.filter((event) => !['E1', 'E2', 'E3', 'E4'].includes(String(event['subject']))));
    expect(bucketValue(randomOnly, 'targeting_lift', 'hour', HOUR_14)).toEqual({ value: null, n: 4 });
    expect(bucketValue(engine, 'targeting_lift', 'hour', march(2, '15:00'))).toEqual({ value: null, n: 0 });
  });

  it('picks up a late LaneAssigned: the basis counts from when it is known', () => {
    const late = engineGiven(EXAMINED);
    late.apply(stored(anEvent.laneAssigned('E10', { lane: 'RED', basis: 'RANDOM' }, on(2, '09:00'))));
    // (2 / 4) / (1 / 5) = 2.5; n = 4 + 5
    expect(bucketValue(late, 'targeting_lift', 'hour', HOUR_14)).toEqual({ value: 2.5, n: 9 });
  });
});
