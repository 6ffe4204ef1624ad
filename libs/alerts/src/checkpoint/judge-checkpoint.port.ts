import { isKpiId } from '@customs-pulse/domain';

import { type JudgedSlice } from '../observer/judged-slices.js';

/** What the alert judge has done, as it keeps it between runs (architecture.md, guarantee 9). */
export interface JudgeCheckpoint {
  /** The last log position the judge has judged: every committed batch up to it was judged, its alerts appended. */
  readonly position: number;
  /** Threshold slices whose judgement was put off (the projection was replaying, or a batch failed), to judge next. */
  readonly deferred: readonly JudgedSlice[];
}

/**
 * Where the judge keeps its {@link JudgeCheckpoint}: beside the KPI read model, in a table of its own. Written after
 * the alert events of each judged batch are appended, never before, so it is never ahead of them.
 */
export interface JudgeCheckpointStore {
  /** The stored checkpoint; `null` when none was ever saved. */
  load(): Promise<JudgeCheckpoint | null>;
  /** Replaces the stored checkpoint, durably. */
  save(checkpoint: JudgeCheckpoint): Promise<void>;
  close(): Promise<void>;
}

/** The checkpoint's database could not be reached: the judge retries, as for a store outage. */
export class JudgeCheckpointUnavailableError extends Error {
  override readonly name = 'JudgeCheckpointUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A stored checkpoint that does not decode names what is wrong and where. */
export function decodedCheckpoint(position: unknown, deferred: unknown, where: string): JudgeCheckpoint {
  if (!Number.isSafeInteger(position) || (position as number) < 0) throw new Error(`the alert judge's checkpoint in ${where} has no valid position: ${String(position)}`);
  const slices = typeof deferred === 'string' ? parsed(deferred) : deferred;
  const valid = Array.isArray(slices) && slices.every((slice) => isKpiId(slice?.kpiId) && typeof slice?.filters === 'object' && slice.filters !== null);
  if (!valid) throw new Error(`the alert judge's checkpoint in ${where} has deferred slices that are not [{kpiId, filters}]`);
  return { position: position as number, deferred: slices as JudgedSlice[] };
}

/** `text` as JSON, or `undefined` when it is not JSON: the caller names what is wrong. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
