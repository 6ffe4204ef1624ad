import { type DutyFact } from './declaration-facts.js';
import { splitAmount } from './money.js';
import { type Observation } from './observation.js';
import { officeSlices } from './slices.js';

/**
 * Each assessment and payment of a declaration, at its own time, in the total and in the office of its declaration
 * when known (kpis.md, "Slices"). Not affected by cancellation: duties are money that moved.
 */
export function dutyObservations(duties: readonly DutyFact[], officeId: string | null, observations: Observation[]): void {
  if (duties.length === 0) return;
  const slices = officeSlices(officeId);
  for (const duty of duties) {
    const { whole, fraction } = splitAmount(duty.amount);
    const values =
      duty.kind === 'assessed'
        ? [1, whole, fraction, 0, 0, 0, 0, 0]
        : duty.method === 'ELECTRONIC'
          ? [0, 0, 0, 1, whole, fraction, whole, fraction]
          : [0, 0, 0, 1, whole, fraction, 0, 0];
    observations.push({ measure: 'duties', at: duty.at, slices, values, sample: null });
  }
}
