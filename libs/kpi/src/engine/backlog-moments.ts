/**
 * Which declarations have a backlog delta in each hour, so that the backlog at an instant inside an hour (`current`
 * is at `now`, kpis.md) can add the deltas of that hour before the instant, which the hourly bucket alone cannot
 * tell apart from those after it.
 */
export class BacklogMoments {
  private readonly byHour = new Map<number, Map<string, number>>();

  /** Records one delta of `subject` in the hour starting at `hourStart`. */
  add(hourStart: number, subject: string): void {
    let subjects = this.byHour.get(hourStart);
    if (subjects === undefined) {
      subjects = new Map();
      this.byHour.set(hourStart, subjects);
    }
    subjects.set(subject, (subjects.get(subject) ?? 0) + 1);
  }

  /** Forgets one delta recorded by {@link BacklogMoments.add}. */
  remove(hourStart: number, subject: string): void {
    const subjects = this.byHour.get(hourStart);
    const held = subjects?.get(subject);
    if (subjects === undefined || held === undefined) return;
    if (held > 1) subjects.set(subject, held - 1);
    else subjects.delete(subject);
    if (subjects.size === 0) this.byHour.delete(hourStart);
  }

  /** The declarations with a delta in the hour starting at `hourStart`. */
  subjectsIn(hourStart: number): Iterable<string> {
    return this.byHour.get(hourStart)?.keys() ?? [];
  }
}
