import { type CustomsPulseConfig, loadConfig } from '@customs-pulse/config';

/** The settings of the history suite's app: the standalone app on the SQLite store and read models in `dataDir`. */
export function historyAppConfig(dataDir: string): CustomsPulseConfig {
  return loadConfig({ DATA_DIR: dataDir, PORT: '0', REPORTING_CURRENCY: 'USD' });
}

/** Where that app keeps its KPI read models: whether the folder exists says whether a start catches up from 0. */
export function kpiReadModelDirectory(dataDir: string): string {
  const { readModel } = historyAppConfig(dataDir).kpi;
  if (readModel.adapter !== 'sqlite') throw new Error(`the history suite's app keeps its KPI read model in ${readModel.adapter}, not SQLite`);
  return readModel.directory;
}
