const MILESTONE_NAMES: Readonly<Record<string, string>> = {
  arrival: 'arrival',
  lodgement: 'lodgement',
  lane_assignment: 'lane assignment',
  examination_start: 'examination start',
  examination_end: 'examination end',
  release: 'release',
};

/** A TRS milestone as people read it (`lane_assignment`: `lane assignment`), for a declaration and the report alike. */
export const milestoneName = (milestone: string): string => MILESTONE_NAMES[milestone] ?? milestone.replace(/_/g, ' ');
