import { customsOffices } from '../administration/customs-offices.js';
import { INCIDENT_KINDS, type IncidentKind } from '../events/simulated-event.js';

/** An incident to inject into live traffic. */
export interface IncidentPlan {
  readonly kind: IncidentKind;
  /** The office it strikes. @defaultValue one per kind: see `defaultIncidentOffice` */
  readonly officeId?: string;
  /** When it begins, in seconds after the start of live traffic. @defaultValue 0 */
  readonly afterSeconds: number;
}

const SPEC = /^([a-z-]+)(?::([A-Za-z0-9._-]+))?(?:@(\d+(?:\.\d+)?))?$/;

/**
 * Reads `kind[:office][@seconds]`, e.g. `office-slowdown`, `seizure-spike:UZ-TAS` or `lane-downgrades@300`. Throws a
 * `RangeError` saying what is expected.
 */
export function parseIncidentPlan(text: string): IncidentPlan {
  const match = SPEC.exec(text.trim());
  const kind = match?.[1];
  if (match === null || !(INCIDENT_KINDS as readonly string[]).includes(kind ?? '')) {
    throw new RangeError(`incident ${JSON.stringify(text)} must be <kind>[:<office>][@<seconds>] with <kind> one of ${INCIDENT_KINDS.join(', ')}`);
  }
  return {
    kind: kind as IncidentKind,
    ...(match[2] === undefined ? {} : { officeId: match[2] }),
    afterSeconds: match[3] === undefined ? 0 : Number(match[3]),
  };
}

/**
 * Each kind strikes another office by default, so that their alerts are told apart: the airport sees the seizure
 * spike, the second office slows down, the third has its controls waived.
 */
export function defaultIncidentOffice(kind: IncidentKind, officeIds: readonly string[]): string {
  const index = { 'seizure-spike': 0, 'office-slowdown': 1, 'lane-downgrades': 2 }[kind];
  return officeIds[index % officeIds.length]!;
}

/**
 * Reads each of `specs` (see {@link parseIncidentPlan}) for a simulation of `offices` offices.
 * @throws RangeError when `offices` is out of range, a spec is malformed or names an office that is not simulated.
 */
export function planIncidents(specs: readonly string[], offices: number): IncidentPlan[] {
  const officeIds = customsOffices(offices).map(({ id }) => id);
  return specs.map((spec) => {
    const plan = parseIncidentPlan(spec);
    if (plan.officeId !== undefined && !officeIds.includes(plan.officeId)) {
      throw new RangeError(`office ${plan.officeId} is not simulated; with ${offices} offices they are ${officeIds.join(', ')}`);
    }
    return plan;
  });
}
