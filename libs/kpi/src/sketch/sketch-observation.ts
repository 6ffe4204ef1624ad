/**
 * Refuses what no sketch may hold: a value that is not a finite number >= 0, or a repeat count that is not a positive
 * safe integer.
 * @throws RangeError
 */
export function checkObservation(value: number, times: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`quantile sketch value must be finite and >= 0, got ${value}`);
  }
  if (!(Number.isSafeInteger(times) && times >= 1)) {
    throw new RangeError(`quantile sketch times must be a positive integer, got ${times}`);
  }
}
