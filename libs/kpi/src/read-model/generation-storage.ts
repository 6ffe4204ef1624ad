import { type KpiReadModel } from './read-model.port.js';

/**
 * Where an adapter of {@link KpiReadModelGenerations} keeps its generations and the active pointer: files in a
 * folder, schemas in a database. Made by taking the projection's lease, which it holds until {@link release}.
 */
export interface GenerationStorage {
  /** What the lease guards, for messages: a folder, a schema. */
  readonly where: string;

  /** The active generation's number; `null` before the first was made. */
  activeGeneration(): Promise<number | null>;

  /** Points at `generation`, durably and in one transaction: a restart sees the old pointer or the new one. */
  setActiveGeneration(generation: number): Promise<void>;

  /** Numbers of every generation present, whole or half made or half deleted. */
  storedGenerations(): Promise<number[]>;

  /** The read model of `generation`, made empty if it is not there. */
  openGeneration(generation: number): Promise<KpiReadModel>;

  /** Deletes what is left of `generation`; nothing when there is nothing. */
  deleteGeneration(generation: number): Promise<void>;

  /** Releases the lease. */
  release(): Promise<void>;
}
