import { anEvent, type RawCloudEvent, SeededRandom } from '@customs-pulse/testing';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const OFFICES = ['UZ-TAS', 'UZ-SAM', 'UZ-AND', 'UZ-NAV'];
const MODES = ['ROAD', 'ROAD', 'RAIL', 'AIR', 'SEA'];
const REGIMES = ['IMPORT', 'IMPORT', 'EXPORT', 'TRANSIT'];
const LANES = ['GREEN', 'GREEN', 'GREEN', 'GREEN', 'GREEN', 'GREEN', 'YELLOW', 'YELLOW', 'RED', 'BLUE'];
const SOURCE = 'urn:customs:asycuda';

/**
 * An office's recent weeks, ending `now`: declarations that arrive, are lodged (some before arrival), get a lane,
 * are examined on red, pay their duties and are released after a few hours to a few days, or are still waiting;
 * seizures and post-clearance audits between them. Half of it falls in the last two days, so the 24-hour tiles and
 * the hourly chart have something to show, the rest over 30 days for the daily chart. The same seed gives the same
 * events, with ids of their own so that a second call with another seed adds to the first.
 */
export function operationsHistory(seed: number, declarations: number, now = Date.now()): RawCloudEvent[] {
  const random = new SeededRandom(seed);
  const events: RawCloudEvent[] = [];
  const at = (time: number): { time: string } => ({ time: new Date(Math.min(time, now - MINUTE)).toISOString() });
  const add = (event: RawCloudEvent): void => {
    events.push({ ...event, id: `ops-${seed}-${events.length + 1}`, source: SOURCE });
  };

  for (let number = 1; number <= declarations; number += 1) {
    const subject = `DEC-${seed}-${String(number).padStart(4, '0')}`;
    const officeId = random.pick(OFFICES);
    const transportMode = random.pick(MODES);
    const hoursAgo = random.chance(0.5) ? random.between(2, 48) : random.between(48, 29 * 24);
    const arrivedAt = now - hoursAgo * HOUR - random.between(0, 59) * MINUTE;
    const preArrival = random.chance(0.45);
    const lodgedAt = arrivedAt + (preArrival ? -random.between(30, 600) : random.between(10, 240)) * MINUTE;
    const laneAt = Math.max(arrivedAt, lodgedAt) + random.between(5, 60) * MINUTE;
    const lane = random.pick(LANES);
    add(anEvent.goodsArrived(subject, { officeId, transportMode }, at(arrivedAt)));
    add(anEvent.declarationLodged(subject, {
      officeId,
      transportMode,
      regime: random.pick(REGIMES),
      declarantId: `TRADER-${random.between(1, 40)}`,
      aeo: random.chance(0.25),
      electronic: random.chance(0.96),
      preArrival,
      customsValue: random.between(1_000, 400_000),
    }, at(lodgedAt)));
    if (random.chance(0.04)) add(anEvent.declarationRejected(subject, { errorCodes: ['E101'] }, at(lodgedAt + 5 * MINUTE)));
    add(anEvent.laneAssigned(subject, { lane, basis: random.chance(0.85) ? 'CRITERIA' : 'RANDOM' }, at(laneAt)));
    let readyAt = laneAt + random.between(10, 180) * MINUTE;
    if (lane === 'RED') {
      const startedAt = laneAt + random.between(30, 300) * MINUTE;
      readyAt = startedAt + random.between(60, 480) * MINUTE;
      add(anEvent.examinationStarted(subject, { method: 'FULL' }, at(startedAt)));
      add(anEvent.examinationCompleted(subject, { result: random.chance(0.15) ? 'DISCREPANCY' : 'NO_FINDING' }, at(readyAt)));
    }
    const duties = random.between(100, 20_000);
    add(anEvent.dutiesAssessed(subject, { amount: duties }, at(laneAt + 5 * MINUTE)));
    if (random.chance(0.93)) add(anEvent.dutiesPaid(subject, { amount: duties, method: random.chance(0.8) ? 'ELECTRONIC' : 'BANK' }, at(readyAt)));
    // Most goods leave within a day; a tail waits for days (kpis.md's p90 is about that tail).
    const releasedAt = readyAt + (random.chance(0.85) ? random.between(30, 20 * 60) : random.between(20 * 60, 90 * 60)) * MINUTE;
    if (releasedAt < now) add(anEvent.goodsReleased(subject, {}, at(releasedAt)));
  }

  for (let number = 1; number <= Math.ceil(declarations / 12); number += 1) {
    const time = now - random.between(1, 20 * 24) * HOUR;
    add(anEvent.seizureRecorded(`CASE-${seed}-${number}`, {
      officeId: random.pick(OFFICES),
      transportMode: random.pick(MODES),
      category: random.pick(['TOBACCO', 'TOBACCO', 'IPR', 'CURRENCY']),
      detectionMethod: random.pick(['RISK_PROFILE', 'INTELLIGENCE', 'NII', 'ROUTINE']),
      estimatedValue: random.between(500, 60_000),
    }, at(time)));
    add(anEvent.postClearanceAuditCompleted(`AUDIT-${seed}-${number}`, {
      officeId: random.pick(OFFICES),
      traderId: `TRADER-${random.between(1, 40)}`,
      finding: random.chance(0.25) ? 'NON_COMPLIANT' : 'COMPLIANT',
      additionalAssessed: random.between(0, 30_000),
    }, at(time + HOUR)));
  }
  return events;
}
