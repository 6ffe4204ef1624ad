import { CLOCK, type Clock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore, START } from '@customs-pulse/event-store';
import { runSimulation, TrafficSimulation } from '@customs-pulse/simulation';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandBusEventSink } from './command-bus-event-sink.js';
import type { SimulationPlan } from './simulation-plan.js';

/** DI token of the {@link SimulationPlan} with the reporting currency. */
export const SIMULATION_SETTINGS = Symbol('SimulationSettings');

/** What the in-process simulator runs with. */
export interface StandaloneSimulationSettings extends SimulationPlan {
  readonly reportingCurrency: string;
}

/**
 * `SIMULATE=1`: the app feeds itself simulated traffic from bootstrap until shutdown, through its own ingest
 * command. The history (`SIMULATE_DAYS`) is sent only into an empty event store: a restart keeps the data and
 * goes on with live traffic under a new run tag, rather than stacking a second history on the first.
 */
@Injectable()
export class StandaloneSimulation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Simulator');
  private readonly stop = new AbortController();
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(SIMULATION_SETTINGS) private readonly settings: StandaloneSimulationSettings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { seed, rate, offices, incidents, reportingCurrency } = this.settings;
    const empty = (await this.store.readAll(START, 1)).length === 0;
    if (!empty && this.settings.days > 0) this.logger.log('the event store already holds events: no history this time, live traffic only');
    const traffic = new TrafficSimulation({ seed, start: this.clock.now().getTime(), rate, days: empty ? this.settings.days : 0, offices, incidents, reportingCurrency });
    this.logger.log(`SIMULATE: seed ${seed} (ids tagged ${traffic.runTag}), offices ${traffic.offices.map(({ id }) => id).join(', ')}, ${rate} events/s`);
    this.running = runSimulation({
      traffic,
      sink: new CommandBusEventSink(this.commands),
      logger: this.logger,
      signal: this.stop.signal,
      now: () => this.clock.now().getTime(),
    }).catch(
      (error: unknown) => this.logger.error(`the simulator stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
  }

  /** Before the event store closes (on `onApplicationShutdown`): the batch being ingested is finished first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
