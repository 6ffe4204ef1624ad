import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';
import { KpiEngine, type KpiEngineOptions } from '../engine/kpi-engine.js';

/** Builds the projector's engine from the read model's stored state, or empty when nothing was stored yet. */
export type KpiEngineFactory = (snapshot: KpiEngineSnapshot | null) => KpiEngine;

/** The factory of engines with `options`: restored with `KpiEngine.fromJSON` when there is a snapshot. */
export function kpiEngineFactory(options: KpiEngineOptions = {}): KpiEngineFactory {
  return (snapshot) => (snapshot === null ? new KpiEngine(options) : KpiEngine.fromJSON(snapshot, options));
}
