import { afterEach, expect, it } from '@jest/globals';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { bucketKey } from '../../engine/bucket-key.js';
import { type BucketJson } from '../../engine/buckets.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { HISTORY } from '../../engine/testing/determinism-fixtures.js';
import { MirroredReadModelSwappedError } from '../mirrored-read-model-swapped-error.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';
import { PostgresKpiReadModelGenerations } from './postgres-kpi-read-model-generations.js';
import { PostgresMirroredReadModel } from './postgres-mirrored-read-model.js';
import { generationSchemas } from './testing/postgres-admin.js';

const keyOf = (bucket: BucketJson): string => bucketKey({ ...bucket, start: Date.parse(bucket.start) });
const sorted = (values: Iterable<string>): string[] => [...values].sort();

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgresMirroredReadModel', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('reads the rows the commits after a checkpoint wrote, and nothing once it holds the last, until a swap', async () => {
    const schema = uniqueSchemaName('kpi_mirrored');
    cleanup.push(async () => dropSchemas([schema, ...(await generationSchemas(schema)).map((n) => `${schema}_g${n}`)]));
    const generations = await PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema });
    cleanup.push(() => generations.close());
    const { readModel } = await generations.active();
    const engine = new KpiEngine();
    engine.applyAll(HISTORY.slice(0, 400));
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 400, dirty: engine.drainDirty() });
    const mirrored = PostgresMirroredReadModel.open({ connectionString: postgresUrl, schema });
    cleanup.push(() => mirrored.close());
    expect((await mirrored.load()).checkpoint).toBe(400);

    engine.applyAll(HISTORY.slice(400, 450));
    const second = engine.drainDirty();
    await readModel.commit({ expectedCheckpoint: 400, checkpoint: 450, dirty: second });
    engine.applyAll(HISTORY.slice(450, 470));
    const third = engine.drainDirty();
    await readModel.commit({ expectedCheckpoint: 450, checkpoint: 470, dirty: third });

    const changes = (await mirrored.changesSince(400))!;
    expect(changes.checkpoint).toBe(470);
    const subjects = new Set([...second.declarations, ...third.declarations].map(({ subject }) => subject));
    expect(sorted(changes.changes.declarations.map(({ subject }) => subject))).toEqual(sorted(subjects));
    expect(sorted(changes.changes.buckets.map(keyOf))).toEqual(sorted(new Set([...second.buckets, ...third.buckets].map(keyOf))));
    // Each row as the last commit left it, and the quality counters of the checkpoint row.
    const byKey = new Map(engine.toJSON().buckets.map((bucket) => [keyOf(bucket), bucket]));
    for (const bucket of changes.changes.buckets) expect(bucket).toEqual(byKey.get(keyOf(bucket)));
    expect(changes.changes.quality).toEqual(third.quality);
    expect(sorted((await mirrored.changesSince(450))!.changes.declarations.map(({ subject }) => subject))).toEqual(sorted(third.declarations.map(({ subject }) => subject)));
    expect(await mirrored.changesSince(470)).toBeNull();

    const fresh = await generations.fresh();
    await fresh.readModel.commit({ expectedCheckpoint: 0, checkpoint: 470, dirty: KpiEngine.fromJSON(engine.toJSON()).toJSON() });
    await readModel.close();
    const coldOfTheDropped = mirrored.cold;
    await generations.activate(fresh.generation);
    // A query that read the dropped generation is told to try again, as the database not answering is.
    await expect(coldOfTheDropped.bucketsNamed([keyOf(third.buckets[0]!)])).rejects.toThrow(KpiReadModelUnavailableError);
    await expect(mirrored.changesSince(470)).rejects.toThrow(MirroredReadModelSwappedError);
    expect((await mirrored.load()).checkpoint).toBe(470);
    expect(await mirrored.changesSince(470)).toBeNull();
  });
});
