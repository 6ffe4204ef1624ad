import { CLOCK, type Clock, type KpiId } from '@customs-pulse/domain';
import { KpiAnswers, TargetJournal, overDaysOf } from '@customs-pulse/kpi';
import { SetTargetCommand } from '@customs-pulse/kpi/api';
import { abortableDelay } from '@customs-pulse/backoff';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

import { SIMULATION_SETTINGS, type StandaloneSimulationSettings } from './standalone-simulation.js';

const DAY_MS = 86_400_000;

/** One target of the demo plan: its goal is a step better than the baseline the simulated history gives. */
interface DemoTarget {
  readonly id: string;
  readonly objective: string;
  readonly kpiId: KpiId;
  /** The target, from the baseline value. */
  readonly goal: (baseline: number) => number;
}

/** The demo's strategic plan: three targets over the simulated traffic, one per kind of KPI (hours, shares). */
export const DEMO_TARGETS: readonly DemoTarget[] = [
  { id: 'release-time', objective: 'Cut the average release time by a fifth', kpiId: 'release_time_mean', goal: (baseline) => round(baseline * 0.8) },
  { id: 'green-lane', objective: 'Facilitate more: five points more declarations in the green lane', kpiId: 'green_lane_rate', goal: (baseline) => round(Math.min(0.99, baseline + 0.05)) },
  { id: 'pre-arrival', objective: 'More declarations lodged before the goods arrive', kpiId: 'pre_arrival_rate', goal: (baseline) => round(Math.min(0.99, baseline + 0.1)) },
];

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Waits between two tries while the history is still being sent and projected. */
const RETRY_MS = 2_000;

/**
 * `SIMULATE=1`: sets the demo plan of {@link DEMO_TARGETS} once the simulated history has a value for each KPI, so
 * that the dashboard's strategic plan panel is filled. Baseline: the UTC days the history covers up to today (today
 * included when the earlier days hold too little); deadline in half a year, with a milestone half-way. A target the
 * log already knows (set or retired, by the demo or an admin) is left alone, so a restart changes nothing.
 */
@Injectable()
export class DemoTargetPlan implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Simulator');
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    @Inject(SIMULATION_SETTINGS) private readonly settings: StandaloneSimulationSettings,
    @Inject(TargetJournal) private readonly journal: TargetJournal,
    @Inject(KpiAnswers) private readonly answers: KpiAnswers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.setPlan().catch((error: unknown) => {
      if (!this.stop.signal.aborted) this.logger.warn(`the demo plan was not set: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async setPlan(): Promise<void> {
    await this.journal.load();
    let pending = DEMO_TARGETS.filter(({ id }) => this.journal.ledger.changes(id) === 0);
    while (pending.length > 0 && !this.stop.signal.aborted) {
      const left: DemoTarget[] = [];
      for (const target of pending) if (!(await this.trySet(target))) left.push(target);
      pending = left;
      if (pending.length > 0) await abortableDelay(RETRY_MS, this.stop.signal);
    }
    if (pending.length === 0) this.logger.log('the demo strategic plan is set: GET /api/targets');
  }

  /** Sets `target` once its KPI has a value over a baseline period; false while it has none yet. */
  private async trySet({ id, objective, kpiId, goal }: DemoTarget): Promise<boolean> {
    const now = this.clock.now().getTime();
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    const from = Math.floor((now - Math.max(1, this.settings.days) * DAY_MS) / DAY_MS) * DAY_MS;
    for (const to of [today, today + DAY_MS]) {
      if (to <= from) continue;
      const baseline = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      const { value, n } = await this.answers.answerAcrossTurns(undefined, (engine, { cold }) => overDaysOf(engine, cold)(kpiId, baseline.from, baseline.to, {}));
      if (value === null || n < 20 || goal(value) === value) continue;
      const deadline = new Date(to + 182 * DAY_MS).toISOString().slice(0, 10);
      const milestone = { date: new Date(to + 91 * DAY_MS).toISOString().slice(0, 10), value: round((value + goal(value)) / 2) };
      await this.commands.execute(new SetTargetCommand(id, { objective, kpiId, baseline, target: goal(value), deadline, milestones: [milestone] }));
      return true;
    }
    return false;
  }
}
