import { type DeclarationFacts } from '../engine/declaration-facts.js';
import { type EventStamp } from '../engine/event-stamp.js';

/** The milestones of the WCO Time Release Study, in the order goods pass them. */
const MILESTONES = [
  ['arrival', (facts: DeclarationFacts) => facts.arrived],
  ['lodgement', (facts: DeclarationFacts) => facts.lodged],
  ['lane_assignment', (facts: DeclarationFacts) => facts.laneAssigned],
  ['examination_start', (facts: DeclarationFacts) => facts.examStarted],
  ['examination_end', (facts: DeclarationFacts) => facts.examCompleted],
  ['release', (facts: DeclarationFacts) => facts.released],
] as const satisfies readonly (readonly [string, (facts: DeclarationFacts) => EventStamp | null])[];

/** A TRS milestone a declaration can pass. */
export type TrsMilestone = (typeof MILESTONES)[number][0];

/** The time between two milestones of one declaration. */
export interface TrsSegment {
  readonly from: TrsMilestone;
  readonly to: TrsMilestone;
  /**
   * `to` minus `from`, in hours. Negative when the later milestone came first, as a lodgement before arrival does:
   * shown as it is, because on one declaration that is information (pre-arrival), not noise.
   */
  readonly hours: number;
}

const HOUR_MS = 3_600_000;

/**
 * The segments from each known milestone to the next known one, in TRS order: a declaration without an examination
 * goes from lane assignment to release. What the TRS report's segments section counts.
 */
export function neighbouringSegments(facts: DeclarationFacts): TrsSegment[] {
  const known = knownMilestones(facts);
  const segments: TrsSegment[] = [];
  for (let index = 1; index < known.length; index += 1) {
    segments.push(segment(known[index - 1]!, known[index]!));
  }
  return segments;
}

/**
 * The declaration's TRS segments: {@link neighbouringSegments}, then the two totals the release-time KPIs measure,
 * arrival to release and lodgement to release, where both ends are known.
 */
export function trsSegments(facts: DeclarationFacts): TrsSegment[] {
  const known = knownMilestones(facts);
  const segments = neighbouringSegments(facts);
  const released = known.find((milestone) => milestone.milestone === 'release');
  for (const start of ['arrival', 'lodgement'] as const) {
    const from = known.find((milestone) => milestone.milestone === start);
    const adjacent = segments.some((existing) => existing.from === start && existing.to === 'release');
    if (from !== undefined && released !== undefined && !adjacent) segments.push(segment(from, released));
  }
  return segments;
}

/** The TRS milestones in the order goods pass them. */
export const TRS_MILESTONES: readonly TrsMilestone[] = MILESTONES.map(([milestone]) => milestone);

function knownMilestones(facts: DeclarationFacts): { milestone: TrsMilestone; at: number }[] {
  return MILESTONES.flatMap(([milestone, stampOf]) => {
    const stamp = stampOf(facts);
    return stamp === null ? [] : [{ milestone, at: stamp.at }];
  });
}

function segment(from: { milestone: TrsMilestone; at: number }, to: { milestone: TrsMilestone; at: number }): TrsSegment {
  return { from: from.milestone, to: to.milestone, hours: (to.at - from.at) / HOUR_MS };
}
