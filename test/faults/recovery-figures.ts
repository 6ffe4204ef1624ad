/** How long one fault lasted, and how long after it ended each step of the recovery took. */
export interface RecoveryFigure {
  /** The fault, e.g. `pg_ctl stop -m fast, during ingest`. */
  readonly fault: string;
  /** From taking the component down to having it back. */
  readonly outageMs: number;
  /** Per step of the recovery (e.g. `ingest caught up`), the milliseconds from the component back to it. */
  readonly steps: Readonly<Record<string, number>>;
}

/** Writes the figures as a Markdown table to stderr, for bench/RESULTS.md ("Fault suite: time to recover"). */
export function printRecoveryFigures(title: string, figures: readonly RecoveryFigure[]): void {
  const steps = [...new Set(figures.flatMap(({ steps }) => Object.keys(steps)))];
  const seconds = (ms: number | undefined): string => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);
  const lines = [
    `| fault | outage | ${steps.join(' | ')} |`,
    `| --- | --- | ${steps.map(() => '---').join(' | ')} |`,
    ...figures.map(({ fault, outageMs, steps: taken }) => `| ${fault} | ${seconds(outageMs)} | ${steps.map((step) => seconds(taken[step])).join(' | ')} |`),
  ];
  process.stderr.write(`\n${title}\n\n${lines.join('\n')}\n\n`);
}
