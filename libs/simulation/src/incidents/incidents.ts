import { type IncidentKind } from '../events/simulated-event.js';
import { type Incident } from './incident.js';
import { laneDowngrades } from './lane-downgrades.js';
import { officeSlowdown } from './office-slowdown.js';
import { seizureSpike } from './seizure-spike.js';

/** Every incident the simulator can inject, by kind. */
export const INCIDENTS: { readonly [K in IncidentKind]: Incident } = {
  'office-slowdown': officeSlowdown,
  'seizure-spike': seizureSpike,
  'lane-downgrades': laneDowngrades,
};
