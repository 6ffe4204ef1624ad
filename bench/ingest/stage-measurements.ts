import type { EventStore } from '@customs-pulse/event-store';
import type { Rate } from '../harness/measure.js';
import type { AppModules } from './app-modules.js';
import type { BenchStores } from './bench-stores.js';
import type { IngestResults, NotMeasured, StoreKind } from './ingest-figures.js';
import type { IngestWorkload } from './ingest-workload.js';
import { interleaved, rateOf } from './interleaved-runs.js';
import type { ProducerRecord } from './producer-events.js';
import { appendManyRuns, measureValidation, useCaseRuns, validateAll, type StageRuns } from './stages-alone.js';

/**
 * Validation alone, then `appendMany` alone and the use case alone on new stores of each kind (PostgreSQL unless
 * `unreachable` says why not), their runs interleaved.
 */
export async function measureStages(
  modules: AppModules,
  stores: BenchStores,
  unreachable: NotMeasured | undefined,
  records: readonly ProducerRecord[],
  workload: IngestWorkload,
  progress: (line: string) => void,
): Promise<Pick<IngestResults, 'validation' | 'stages'>> {
  const values = records.map((record) => record.value);
  const validation = await measureValidation(values, workload);
  progress(`validateEventJson alone: ${validation.runs.map(Math.round).join(', ')} events/s`);
  const events = validateAll(values);

  const kinds: StoreKind[] = unreachable ? ['SQLite'] : ['SQLite', 'PostgreSQL'];
  const opened: EventStore[] = [];
  const open = async (kind: StoreKind): Promise<EventStore> => {
    const store = await stores.open(kind);
    opened.push(store);
    return store;
  };
  try {
    const stages: { kind: StoreKind; name: string; runs: StageRuns }[] = [];
    for (const kind of kinds) {
      stages.push({ kind, name: 'appendMany', runs: appendManyRuns(await open(kind), events, workload) });
      stages.push({ kind, name: 'use case', runs: useCaseRuns(modules, await open(kind), values, workload) });
    }
    for (const stage of stages) await stage.runs.warmUp();
    const runs = await interleaved(workload.repeats, stages.map((stage) => (run: number) => stage.runs.run(run)));
    const rates = stages.map((stage, index): Rate => {
      const rate = rateOf(runs[index]!);
      progress(`${stage.kind} ${stage.name} alone: ${rate.runs.map(Math.round).join(', ')} events/s`);
      return rate;
    });
    const figures = (kind: StoreKind) => ({ appendMany: rates[kinds.indexOf(kind) * 2]!, useCase: rates[kinds.indexOf(kind) * 2 + 1]! });
    return { validation, stages: { SQLite: figures('SQLite'), PostgreSQL: unreachable ?? figures('PostgreSQL') } };
  } finally {
    await Promise.all(opened.map((store) => store.close()));
  }
}
