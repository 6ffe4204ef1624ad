import { type KpiReadModelSettings } from '@customs-pulse/kpi';

import { type JudgeCheckpointStore } from './judge-checkpoint.port.js';
import { PostgresJudgeCheckpointStore } from './postgres/postgres-judge-checkpoint-store.js';
import { SqliteJudgeCheckpointStore } from './sqlite/sqlite-judge-checkpoint-store.js';

// Chooses among the adapters at run time, so it loads both drivers: exported by `@customs-pulse/alerts/checkpoint`,
// never by the framework's entry point.

/** The judge's checkpoint store beside the KPI read model `settings` name (its folder, or its schema). */
export async function openJudgeCheckpointStore(settings: KpiReadModelSettings): Promise<JudgeCheckpointStore> {
  if (settings.adapter === 'sqlite') return SqliteJudgeCheckpointStore.open(settings.directory);
  const { connectionString, schema, sessionLimits } = settings;
  return PostgresJudgeCheckpointStore.open({ connectionString, schema, ...(sessionLimits ? { sessionLimits } : {}) });
}
