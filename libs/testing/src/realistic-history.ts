import { type ProducerEventType } from '@customs-pulse/domain';

import { SeededRandom } from './seeded-random.js';

/** What a test hands to the event builder: type, subject, data and envelope of one event. */
export interface EventSpec {
  readonly type: ProducerEventType;
  readonly subject: string;
  readonly data: Record<string, unknown>;
  readonly envelope: { readonly id: string; readonly source: string; readonly time: string };
}

const OFFICES = ['UZ-TAS', 'UZ-SAM', 'UZ-AND', 'UZ-NAV'];
const MODES = ['ROAD', 'RAIL', 'AIR', 'SEA'];
const REGIMES = ['IMPORT', 'EXPORT', 'TRANSIT'];
const LANES = ['GREEN', 'GREEN', 'YELLOW', 'RED', 'BLUE'];
const MINUTE = 60_000;
const START = Date.parse('2026-03-01T00:00:00.000Z');

/**
 * A realistic, messy history, the same for the same seed: declarations that arrive or not, are lodged before or after
 * arrival, rerouted, examined, assessed, paid, released (some twice, some before they arrived), cancelled, rejected;
 * seizures, audits and offence cases. Times fall on whole minutes, so ties in time (broken by id) are common.
 */
export function realisticHistory(seed: number, declarations: number): EventSpec[] {
  const random = new SeededRandom(seed);
  const events: EventSpec[] = [];
  let sequence = 0;
  const add = (type: ProducerEventType, subject: string, atMs: number, data: Record<string, unknown> = {}): void => {
    sequence += 1;
    const id = `ev-${String(random.between(0, 99_999)).padStart(5, '0')}-${sequence}`;
    const source = random.chance(0.1) ? 'urn:customs:other' : 'urn:customs:asycuda';
    events.push({ type, subject, data, envelope: { id, source, time: new Date(atMs).toISOString() } });
  };
  const later = (from: number, maxMinutes: number): number => from + random.between(0, maxMinutes) * MINUTE;

  for (let number = 1; number <= declarations; number += 1) {
    const subject = `DEC-${number}`;
    const officeId = random.pick(OFFICES);
    const transportMode = random.pick(MODES);
    const arrivedAt = START + random.between(0, 3 * 24 * 60) * MINUTE;
    if (random.chance(0.85)) add('GoodsArrived', subject, arrivedAt, { officeId, transportMode });
    if (random.chance(0.05)) add('GoodsArrived', subject, later(arrivedAt, 60), { officeId: random.pick(OFFICES), transportMode });
    const lodgedAt = arrivedAt + random.between(-120, 180) * MINUTE;
    const lodgement = (): Record<string, unknown> => ({
      officeId,
      regime: random.pick(REGIMES),
      transportMode,
      declarantId: `TRADER-${random.between(1, 20)}`,
      aeo: random.chance(0.2),
      electronic: random.chance(0.9),
      preArrival: lodgedAt < arrivedAt,
      customsValue: random.between(0, 50_000_000) / 100,
    });
    if (random.chance(0.9)) add('DeclarationLodged', subject, lodgedAt, lodgement());
    if (random.chance(0.05)) add('DeclarationLodged', subject, lodgedAt, lodgement());
    if (random.chance(0.06)) add('DeclarationRejected', subject, later(lodgedAt, 30), { errorCodes: ['E101'] });
    const laneAt = later(lodgedAt, 30);
    const lane = random.pick(LANES);
    if (random.chance(0.85)) add('LaneAssigned', subject, laneAt, { lane, basis: random.pick(['CRITERIA', 'RANDOM', 'OFFICER']) });
    for (let reroute = random.between(0, 2); reroute > 0 && random.chance(0.3); reroute -= 1) {
      add('LaneRerouted', subject, later(laneAt, 120), {
        fromLane: random.pick(LANES),
        toLane: random.pick(LANES),
        officerId: 'OFFICER-1',
        reason: 'risk review',
      });
    }
    if (lane === 'RED' || lane === 'YELLOW' || random.chance(0.05)) examine(subject, laneAt);
    for (let duty = random.between(0, 3); duty > 0; duty -= 1) {
      const amount = random.between(0, 1_000_000) / 100;
      if (random.chance(0.5)) add('DutiesAssessed', subject, later(laneAt, 600), { amount });
      else add('DutiesPaid', subject, later(laneAt, 900), { amount, method: random.pick(['ELECTRONIC', 'BANK', 'CASH', 'GUARANTEE']) });
    }
    const releasedAt = random.chance(0.05) ? arrivedAt - random.between(1, 120) * MINUTE : later(laneAt, 40 * 60);
    if (random.chance(0.8)) add('GoodsReleased', subject, releasedAt);
    if (random.chance(0.05)) add('GoodsReleased', subject, later(arrivedAt, 48 * 60));
    if (random.chance(0.07)) add('DeclarationCancelled', subject, later(lodgedAt, 24 * 60), { reason: 'withdrawn' });
    if (random.chance(0.3)) add('GoodsExited', subject, later(releasedAt, 120));
  }

  function examine(subject: string, laneAt: number): void {
    const startedAt = later(laneAt, 240);
    if (random.chance(0.7)) add('ExaminationStarted', subject, startedAt, { method: 'PARTIAL' });
    const completedAt = random.chance(0.05) ? startedAt - random.between(1, 30) * MINUTE : later(startedAt, 300);
    const result = () => ({ result: random.chance(0.25) ? 'DISCREPANCY' : 'NO_FINDING' });
    if (random.chance(0.8)) add('ExaminationCompleted', subject, completedAt, result());
    if (random.chance(0.05)) add('ExaminationCompleted', subject, later(completedAt, 60), result());
  }

  for (let number = 1; number <= Math.ceil(declarations / 8); number += 1) {
    const at = START + random.between(0, 3 * 24 * 60) * MINUTE;
    for (let seizure = random.between(1, 2); seizure > 0; seizure -= 1) {
      add('SeizureRecorded', `CASE-${number}`, later(at, 60), {
        officeId: random.pick(OFFICES),
        transportMode: random.pick(MODES),
        category: random.pick(['DRUGS', 'TOBACCO', 'WEAPONS', 'IPR']),
        detectionMethod: random.pick(['RISK_PROFILE', 'INTELLIGENCE', 'NII', 'CANINE', 'RANDOM', 'ROUTINE']),
        quantity: 1,
        unit: 'kg',
        estimatedValue: random.between(0, 10_000_000) / 100,
      });
    }
    add('PostClearanceAuditCompleted', `AUDIT-${number}`, later(at, 600), {
      officeId: random.pick(OFFICES),
      traderId: 'TRADER-1',
      finding: random.chance(0.3) ? 'NON_COMPLIANT' : 'COMPLIANT',
      additionalAssessed: random.between(0, 500_000) / 100,
    });
    add('OffenceCaseOpened', `OFFENCE-${number}`, at, { officeId: random.pick(OFFICES), offenceCode: 'X', kind: 'CRIMINAL' });
  }
  return events;
}
