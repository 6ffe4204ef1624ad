/** Options of a verification that describe no part of the log (e.g. `from` after `to`): the request is wrong. */
export class VerificationRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'VerificationRangeError';
  }
}
