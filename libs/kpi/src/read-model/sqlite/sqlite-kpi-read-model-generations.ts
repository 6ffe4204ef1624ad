import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WalCheckpointerLogger } from '@customs-pulse/sql/sqlite';

import { GenerationLifecycle } from '../generation-lifecycle.js';
import { type GenerationStorage } from '../generation-storage.js';
import { deleteGenerationFiles, generationFile, generationsInDirectory, syncDirectory } from './sqlite-generation-files.js';
import { SqliteGenerationsControl } from './sqlite-generations-control.js';
import { SqliteKpiReadModel, type SqliteKpiReadModelOptions } from './sqlite-kpi-read-model.js';

/** Options of {@link SqliteKpiReadModelGenerations.open}. */
export interface SqliteKpiReadModelGenerationsOptions {
  /**
   * The folder of the read model generations (`read-model-<n>.sqlite`) and of their control database
   * (`generations.sqlite`); created if missing. Nothing else should live in it but the alert judge's checkpoint
   * (`alert-judge.sqlite`), which outlives generations.
   */
  readonly directory: string;
  /** Where a generation's WAL checkpointer reports its failure: see {@link SqliteKpiReadModelOptions.logger}. */
  readonly logger?: WalCheckpointerLogger;
}

/**
 * The standalone KPI read model generations: one SQLite file per generation, and a control database holding the
 * active generation's number, whose exclusive lock is the projection's lease for as long as this adapter is open.
 */
export class SqliteKpiReadModelGenerations extends GenerationLifecycle {
  /**
   * Takes the lease on `options.directory`, creating the folder and its control database if needed. Generations
   * are opened (and leftovers deleted) by `active()` and `fresh()`.
   * @throws KpiProjectionLeaseHeldError when another connection, in this process or another, holds the lease.
   */
  static open(options: SqliteKpiReadModelGenerationsOptions): SqliteKpiReadModelGenerations {
    const { directory, logger } = options;
    mkdirSync(directory, { recursive: true });
    const control = SqliteGenerationsControl.take(join(directory, 'generations.sqlite'), directory);
    return new SqliteKpiReadModelGenerations(sqliteGenerationStorage(directory, control, logger));
  }
}

function sqliteGenerationStorage(
  directory: string,
  control: SqliteGenerationsControl,
  logger: WalCheckpointerLogger | undefined,
): GenerationStorage {
  return {
    where: directory,
    activeGeneration: async () => control.activeGeneration(),
    setActiveGeneration: async (generation) => {
      syncDirectory(directory);
      control.setActiveGeneration(generation);
    },
    storedGenerations: async () => generationsInDirectory(directory),
    openGeneration: async (generation) => {
      const options: SqliteKpiReadModelOptions = { file: generationFile(directory, generation), ...(logger ? { logger } : {}) };
      return SqliteKpiReadModel.open(options);
    },
    deleteGeneration: async (generation) => deleteGenerationFiles(directory, generation),
    release: async () => control.close(),
  };
}
