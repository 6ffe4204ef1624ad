/** A clock the test moves by hand. Satisfies the domain's `Clock` port and the event store's clock option. */
export class TestClock {
  private current: Date;

  constructor(start: string | Date = '2026-03-01T08:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: string | Date): void {
    this.current = new Date(to);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
