/**
 * A reload asked for by live changes, which come at up to 4 a second per KPI: the first ask schedules one after
 * `delayMs`, and asks until it runs join it, so a view reloads at most once per delay however busy the push is.
 */
export class DelayedReload {
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly reload: () => void,
    private readonly delayMs: number,
  ) {}

  ask(): void {
    if (this.pending !== null) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.reload();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }
}
