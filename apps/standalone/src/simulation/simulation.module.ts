import type { SimulationSettings } from '@customs-pulse/config';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { simulationPlan } from './simulation-plan.js';
import { SIMULATION_SETTINGS, StandaloneSimulation } from './standalone-simulation.js';

/** The in-process traffic simulator (`SIMULATE=1`). Needs `EVENT_STORE` and the ingest command handler from the app. */
@Module({})
export class SimulationModule {
  static forRoot(settings: SimulationSettings, reportingCurrency: string): DynamicModule {
    return {
      module: SimulationModule,
      imports: [CqrsModule],
      providers: [{ provide: SIMULATION_SETTINGS, useValue: { ...simulationPlan(settings), reportingCurrency } }, StandaloneSimulation],
    };
  }
}
