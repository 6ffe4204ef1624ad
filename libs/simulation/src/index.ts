/**
 * @customs-pulse/simulation: realistic, deterministic customs traffic (events.md) for demos, load and tests, and
 * the sinks that send it (HTTP ingest; Kafka is `@customs-pulse/simulation/kafka`, so that this entry loads no
 * driver). No framework: an app wires it (apps/simulator, apps/standalone).
 */
export { SeededRandom } from './random/seeded-random.js';
export { type CustomsOffice, customsOffices, MAX_SIMULATED_OFFICES } from './administration/customs-offices.js';
export * from './events/simulated-event.js';
export { EVENT_SOURCES } from './events/event-sources.js';
export { type IncidentPlan, parseIncidentPlan, planIncidents, defaultIncidentOffice } from './incidents/incident-plan.js';
export { SLOWDOWN_BURST_SHARE } from './incidents/office-slowdown.js';
export { DOWNGRADE_BURST_SHARE } from './incidents/lane-downgrades.js';
export { SPIKE_CATEGORIES, SPIKE_MINIMUM_VALUE } from './incidents/seizure-spike.js';
export { medianReleaseHours, RELEASE_HOURS, MODE_FACTOR, PRE_ARRIVAL_FACTOR } from './profile/release-time-profile.js';
export { AEO_DECLARATION_SHARE, LANE_WEIGHTS } from './profile/lane-profile.js';
export { DATA_QUALITY } from './profile/data-quality-profile.js';
export { DEFAULT_HISTORY_RATE, type TrafficOptions, TrafficSimulation } from './traffic/traffic-simulation.js';
export { EVENTS_PER_DECLARATION } from './traffic/traffic-intensity.js';
export { runSimulation, type SimulationRunOptions } from './run/run-simulation.js';
export { describeStats, type SimulationStats } from './run/simulation-stats.js';
export * from './sinks/event-sink.port.js';
export { HttpEventSink, type HttpEventSinkOptions } from './sinks/http-event-sink.js';
