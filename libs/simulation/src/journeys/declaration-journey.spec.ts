import { beforeAll, describe, expect, it } from '@jest/globals';
import { type Lane, type TransportMode } from '@customs-pulse/domain';
import { type SimulatedEvent } from '../events/simulated-event.js';
import { AEO_DECLARATION_SHARE, LANE_WEIGHTS } from '../profile/lane-profile.js';
import { AEO_PRE_ARRIVAL_BONUS, PRE_ARRIVAL_SHARE } from '../profile/lodgement-profile.js';
import { medianReleaseHours, RELEASE_HOURS } from '../profile/release-time-profile.js';
import { declarationFacts, HOUR, type SimulatedDeclaration } from '../testing/declaration-facts.js';
import { TrafficSimulation } from '../traffic/traffic-simulation.js';

const START = Date.parse('2026-03-10T06:00:00.000Z');
const LANES: readonly Lane[] = ['GREEN', 'YELLOW', 'RED', 'BLUE'];

let events: SimulatedEvent[];
let declarations: SimulatedDeclaration[];

beforeAll(() => {
  // Five days of history at 0.25 events/s: about 17,000 declarations, all complete by the end of the sample.
  const traffic = new TrafficSimulation({ seed: 11, start: START, rate: 0, days: 5, historyRate: 0.25 });
  events = traffic.takeDue(START + 60 * 24 * HOUR, Infinity);
  declarations = [...declarationFacts(events).values()].filter((declaration) => declaration.lodgedAt !== undefined);
});

const share = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;
const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('simulated declarations', () => {
  it('are many enough for the shares below to mean something', () => {
    expect(declarations.length).toBeGreaterThan(15_000);
  });

  it('get their initial lanes in the profile’s shares, about 75/15/7/2 %', () => {
    const laned = declarations.filter(({ initialLane }) => initialLane !== undefined);
    for (const lane of LANES) {
      const weight = (weights: typeof LANE_WEIGHTS.aeo): number => weights[lane]! / Object.values(weights).reduce((sum, value) => sum + value, 0);
      const expected = AEO_DECLARATION_SHARE * weight(LANE_WEIGHTS.aeo) + (1 - AEO_DECLARATION_SHARE) * weight(LANE_WEIGHTS.other);

      expect(Math.abs(share(laned, ({ initialLane }) => initialLane === lane) - expected)).toBeLessThan(0.012);
    }
  });

  it('end in lanes of about 75/15/8/2 % after reroutes and documentary checks, as green_lane_rate and the others see them', () => {
    const laned = declarations.filter(({ finalLane }) => finalLane !== undefined);
    const expected = { GREEN: 0.75, YELLOW: 0.15, RED: 0.08, BLUE: 0.02 };

    for (const lane of LANES) expect(Math.abs(share(laned, ({ finalLane }) => finalLane === lane) - expected[lane])).toBeLessThan(0.015);
  });

  it('are released after a log-normal time by lane: median, spread and symmetry of the logarithm as profiled', () => {
    for (const lane of LANES) {
      // The log of each release time over its own expected median: normal, centred on 0, spread sigma of the lane.
      const logs = declarations
        .filter((d) => d.initialLane === lane && !d.rerouted && d.arrivedAt !== undefined && d.releasedAt !== undefined && d.cancelledAt === undefined)
        .map((d) => Math.log((d.releasedAt! - d.arrivedAt!) / HOUR / medianReleaseHours(lane, d.transportMode as TransportMode, d.preArrival!)));
      const centre = mean(logs);
      const spread = Math.sqrt(mean(logs.map((value) => (value - centre) ** 2)));
      const skewness = mean(logs.map((value) => ((value - centre) / spread) ** 3));

      expect(logs.length).toBeGreaterThan(250);
      expect(Math.abs(median(logs))).toBeLessThan(0.1);
      expect(Math.abs(spread / RELEASE_HOURS[lane].sigma - 1)).toBeLessThan(0.1);
      expect(Math.abs(skewness)).toBeLessThan(0.25);
    }
  });

  it('take longer on controlled lanes and by slower modes', () => {
    const medianHours = (test: (d: SimulatedDeclaration) => boolean): number =>
      median(declarations.filter((d) => test(d) && !d.rerouted && d.releasedAt !== undefined && d.arrivedAt !== undefined).map((d) => (d.releasedAt! - d.arrivedAt!) / HOUR));
    const green = (mode: string) => (d: SimulatedDeclaration): boolean => d.initialLane === 'GREEN' && d.transportMode === mode && d.preArrival === false;

    expect(medianHours((d) => d.initialLane === 'GREEN')).toBeLessThan(medianHours((d) => d.initialLane === 'YELLOW'));
    expect(medianHours((d) => d.initialLane === 'YELLOW')).toBeLessThan(medianHours((d) => d.initialLane === 'RED'));
    expect(medianHours(green('AIR'))).toBeLessThan(medianHours(green('ROAD')));
    expect(medianHours(green('ROAD'))).toBeLessThan(medianHours(green('RAIL')));
  });

  it('are lodged before arrival in the profile’s share per mode, more often by AEOs, about two thirds overall', () => {
    for (const mode of ['AIR', 'ROAD', 'RAIL', 'POSTAL'] as const) {
      const others = declarations.filter((d) => d.transportMode === mode && !d.aeo);
      const aeos = declarations.filter((d) => d.transportMode === mode && d.aeo);

      expect(Math.abs(share(others, (d) => d.preArrival === true) - PRE_ARRIVAL_SHARE[mode])).toBeLessThan(0.04);
      expect(Math.abs(share(aeos, (d) => d.preArrival === true) - PRE_ARRIVAL_SHARE[mode] - AEO_PRE_ARRIVAL_BONUS)).toBeLessThan(0.06);
    }
    expect(share(declarations, (d) => d.preArrival === true)).toBeGreaterThan(0.6);
    expect(share(declarations, (d) => d.preArrival === true)).toBeLessThan(0.8);
  });

  it('say they were lodged before arrival exactly when they were', () => {
    const both = declarations.filter((d) => d.arrivedAt !== undefined);

    expect(both.filter((d) => d.preArrival !== d.lodgedAt! < d.arrivedAt!)).toEqual([]);
  });

  it('come from AEOs for about a third, who trade more than their share of the value', () => {
    const value = (list: readonly SimulatedDeclaration[]): number => list.reduce((sum, d) => sum + d.customsValue!, 0);

    expect(Math.abs(share(declarations, (d) => d.aeo === true) - AEO_DECLARATION_SHARE)).toBeLessThan(0.015);
    expect(value(declarations.filter((d) => d.aeo)) / value(declarations)).toBeGreaterThan(0.4);
  });

  it('happen in order: lodged before the lane, examined between arrival and release, never a negative duration', () => {
    const disorderly = declarations.filter(
      (d) =>
        (d.laneAssignedAt !== undefined && d.laneAssignedAt < d.lodgedAt!) ||
        (d.releasedAt !== undefined && d.laneAssignedAt !== undefined && d.releasedAt < d.laneAssignedAt) ||
        (d.releasedAt !== undefined && d.arrivedAt !== undefined && d.releasedAt < d.arrivedAt) ||
        (d.examStartedAt !== undefined && d.examCompletedAt !== undefined && d.examCompletedAt < d.examStartedAt) ||
        (d.examCompletedAt !== undefined && d.releasedAt !== undefined && d.releasedAt < d.examCompletedAt),
    );

    expect(disorderly).toEqual([]);
  });

  it('find more on examinations the risk profiles chose than on random ones (targeting lift above 2)', () => {
    const examined = declarations.filter((d) => d.examCompletedAt !== undefined);
    const hitRate = (basis: string): number => share(examined.filter((d) => d.basis === basis), (d) => d.hit === true);

    expect(hitRate('CRITERIA') / hitRate('RANDOM')).toBeGreaterThan(2);
    expect(share(examined, (d) => d.hit === true)).toBeGreaterThan(0.1);
  });

  it('have their duties assessed and paid, mostly electronically, some on paper or by guarantee', () => {
    const amounts = (type: string, test: (data: Record<string, unknown>) => boolean = () => true): number =>
      events
        .filter(({ event, kind }) => kind === 'original' && event['type'] === type && test(event['data'] as Record<string, unknown>))
        .reduce((sum, { event }) => sum + ((event['data'] as { amount: number }).amount), 0);
    const paid = amounts('DutiesPaid');

    expect(paid / amounts('DutiesAssessed')).toBeGreaterThan(0.97);
    expect(paid / amounts('DutiesAssessed')).toBeLessThan(1.01);
    expect(amounts('DutiesPaid', (data) => data['method'] === 'ELECTRONIC') / paid).toBeGreaterThan(0.85);
    for (const method of ['BANK', 'CASH', 'GUARANTEE']) expect(amounts('DutiesPaid', (data) => data['method'] === method)).toBeGreaterThan(0);
  });

  it('bring documentary checks, seizures, offence cases and post-clearance audits with them', () => {
    const count = (type: string): number => events.filter(({ event, kind }) => kind === 'original' && event['type'] === type).length;

    expect(count('DocumentaryCheckCompleted')).toBeGreaterThan(0.1 * declarations.length);
    expect(count('SeizureRecorded')).toBeGreaterThan(0.005 * declarations.length);
    expect(count('OffenceCaseOpened')).toBeGreaterThan(0.005 * declarations.length);
    expect(count('OffenceCaseClosed')).toBeGreaterThan(0);
    expect(count('PostClearanceAuditCompleted')).toBeGreaterThan(0.008 * declarations.length);
    expect(count('DeclarationRejected')).toBeGreaterThan(0.02 * declarations.length);
    expect(count('GoodsExited')).toBeGreaterThan(0.5 * declarations.length);
  });
});
