import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';
import { KpiEngine, type KpiEngineOptions } from '../engine/kpi-engine.js';

/** What a caller of a {@link KpiEngineFactory} may choose per engine; the rest is the deployment's configuration. */
export type KpiEngineChoices = Pick<KpiEngineOptions, 'reportMeasures'>;

/**
 * Builds the projector's engine from the read model's stored state, or empty when nothing was stored yet, with the
 * `choices` asked: an `asOf` answer loads an epoch's state to match them, and refuses an engine that does not.
 */
export type KpiEngineFactory = (snapshot: KpiEngineSnapshot | null, choices?: KpiEngineChoices) => KpiEngine;

/** The factory of engines with `options`: restored with `KpiEngine.fromJSON` when there is a snapshot. */
export function kpiEngineFactory(options: KpiEngineOptions = {}): KpiEngineFactory {
  return (snapshot, choices = {}) => {
    const chosen = { ...options, ...choices };
    return snapshot === null ? new KpiEngine(chosen) : KpiEngine.fromJSON(snapshot, chosen);
  };
}
