import { ConfigError, type SimulationSettings } from '@customs-pulse/config';
import { customsOffices, type IncidentPlan, planIncidents } from '@customs-pulse/simulation';

/** The configured simulation with its incidents read: what the in-process simulator runs. */
export interface SimulationPlan extends Omit<SimulationSettings, 'incidents'> {
  readonly incidents: readonly IncidentPlan[];
}

/**
 * Reads the simulation settings against the simulator's own catalogue, which libs/config does not know: how many
 * offices there may be, and which incidents strike which of them. Called as the app is assembled, so a bad value
 * stops it at start, as any other configuration error does.
 * @throws ConfigError naming `SIMULATE_OFFICES` or `SIMULATE_INCIDENTS`.
 */
export function simulationPlan(settings: SimulationSettings): SimulationPlan {
  try {
    customsOffices(settings.offices);
  } catch (error) {
    throw new ConfigError('SIMULATE_OFFICES', (error as Error).message);
  }
  try {
    return { ...settings, incidents: planIncidents(settings.incidents, settings.offices) };
  } catch (error) {
    throw new ConfigError('SIMULATE_INCIDENTS', (error as Error).message);
  }
}
