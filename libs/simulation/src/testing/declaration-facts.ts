import { type SimulatedEvent } from '../events/simulated-event.js';

/** What the simulator's tests need to know of one declaration, folded from its `original` events (kpis.md's facts). */
export interface SimulatedDeclaration {
  readonly id: string;
  officeId?: string;
  transportMode?: string;
  aeo?: boolean;
  preArrival?: boolean;
  customsValue?: number;
  arrivedAt?: number;
  lodgedAt?: number;
  laneAssignedAt?: number;
  initialLane?: string;
  /** The `toLane` of the latest reroute, else the initial lane. */
  finalLane?: string;
  basis?: string;
  rerouted: boolean;
  downgraded: boolean;
  examStartedAt?: number;
  examCompletedAt?: number;
  hit?: boolean;
  releasedAt?: number;
  cancelledAt?: number;
  incident?: string;
}

type Data = Record<string, unknown>;

const DOWNGRADE_FROM = ['RED', 'YELLOW'];
const DOWNGRADE_TO = ['GREEN', 'BLUE'];

/** The declarations of a simulated stream, keyed by declaration id; earliest facts win, as in kpis.md. */
export function declarationFacts(events: readonly SimulatedEvent[]): Map<string, SimulatedDeclaration> {
  const declarations = new Map<string, SimulatedDeclaration>();
  for (const { event, kind, incident } of events) {
    if (kind !== 'original') continue;
    const subject = String(event['subject']);
    const time = Date.parse(String(event['time']));
    const data = event['data'] as Data;
    const of = (): SimulatedDeclaration => {
      let found = declarations.get(subject);
      if (!found) declarations.set(subject, (found = { id: subject, rerouted: false, downgraded: false }));
      if (incident) found.incident = incident;
      return found;
    };
    const earliest = (current: number | undefined): number => Math.min(current ?? Infinity, time);
    switch (event['type']) {
      case 'GoodsArrived': {
        const declaration = of();
        declaration.arrivedAt = earliest(declaration.arrivedAt);
        break;
      }
      case 'DeclarationLodged':
        Object.assign(of(), {
          lodgedAt: time,
          officeId: data['officeId'],
          transportMode: data['transportMode'],
          aeo: data['aeo'],
          preArrival: data['preArrival'],
          customsValue: data['customsValue'],
        });
        break;
      case 'LaneAssigned':
        Object.assign(of(), { laneAssignedAt: time, initialLane: data['lane'], basis: data['basis'] });
        of().finalLane ??= String(data['lane']);
        break;
      case 'LaneRerouted': {
        const declaration = of();
        // A declaration's events are planned in time order, so the last reroute seen is the latest.
        declaration.rerouted = true;
        declaration.finalLane = String(data['toLane']);
        if (DOWNGRADE_FROM.includes(String(data['fromLane'])) && DOWNGRADE_TO.includes(String(data['toLane']))) declaration.downgraded = true;
        break;
      }
      case 'ExaminationStarted':
        of().examStartedAt = time;
        break;
      case 'ExaminationCompleted':
        Object.assign(of(), { examCompletedAt: time, hit: data['result'] === 'DISCREPANCY' });
        break;
      case 'GoodsReleased':
        of().releasedAt = time;
        break;
      case 'DeclarationCancelled':
        of().cancelledAt = time;
        break;
    }
  }
  return declarations;
}

/** The value at rank ceil(p * n) of `values` (kpis.md's nearest-rank percentile). */
export function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export const HOUR = 3_600_000;
