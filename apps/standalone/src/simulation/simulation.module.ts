import type { SimulationSettings } from '@customs-pulse/config';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DemoTargetPlan } from './demo-target-plan.js';
import { simulationPlan } from './simulation-plan.js';
import { SIMULATION_SETTINGS, StandaloneSimulation } from './standalone-simulation.js';

/**
 * The in-process traffic simulator (`SIMULATE=1`) and the demo's strategic plan. Needs `EVENT_STORE`, the ingest command
 * handler and `TargetsModule` from the app, and its KPI module (the very object it imports) for the baseline values.
 */
@Module({})
export class SimulationModule {
  static forRoot(settings: SimulationSettings, reportingCurrency: string, kpis: DynamicModule): DynamicModule {
    return {
      module: SimulationModule,
      imports: [CqrsModule, kpis],
      providers: [{ provide: SIMULATION_SETTINGS, useValue: { ...simulationPlan(settings), reportingCurrency } }, StandaloneSimulation, DemoTargetPlan],
    };
  }
}
