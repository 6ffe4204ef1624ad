import type pg from 'pg';

import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type QualityCountersJson } from '../../engine/quality-counters.js';
import { type EpochTimes, bucketRangesAsOf, horizonsLoaded } from '../bucket-key-ranges.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { type ClosedEpoch, type ColdState, type EpochLoad, type HotSelection, type KpiReadModelHistory, type KpiReadModelState } from '../read-model.port.js';
import { inReadSnapshot, withReadModelClient } from './postgres-client.js';
import { PostgresColdStateAsOf } from './postgres-cold-state-as-of.js';
import { isColumnNotThere, isNotThere } from './postgres-active-generation.js';
import { type PostgresHistorySql } from './postgres-history-sql.js';

/** A closed epoch's row, its JSON parsed by `pg`: what the checkpoint row held when it closed, and the newest event time then. */
interface EpochRow {
  readonly epoch: number;
  readonly position: string;
  readonly last_recorded_at: string;
  readonly quality: QualityCountersJson;
  readonly bucket_horizons: BucketHorizonsJson | null;
  readonly newest_event_at: string | null;
}

/**
 * {@link KpiReadModelHistory} of the PostgreSQL read model. Its reads take no lock: a closed epoch's rows are never
 * written again, and a row the projector writes over meanwhile has its version written in the same transaction, so
 * a statement reading a table and its versions together sees each key once, as of the epoch.
 */
export class PostgresReadModelHistory implements KpiReadModelHistory {
  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    private readonly sql: PostgresHistorySql,
    private readonly assertOpen: () => void,
  ) {}

  async epochAsOf(asOfMs: number): Promise<ClosedEpoch | null> {
    this.assertOpen();
    const { rows } = await withReadModelClient(this.pool, this.where, async (client) => {
      try {
        return await client.query<EpochRow>(this.sql.epochAsOf, [asOfMs]);
      } catch (error) {
        // A generation its projector has not migrated yet (a gateway upgraded first) has no epochs an answer can start
        // from: none closed. Nor has one written before a change this build needs (written-before.ts), in the SQL.
        if (isNotThere(error) || isColumnNotThere(error)) return { rows: [] };
        throw error;
      }
    });
    const row = rows[0];
    return row === undefined ? null : { epoch: row.epoch, position: Number(row.position), lastRecordedAt: Number(row.last_recorded_at) };
  }

  async loadAsOf(epoch: number, { openMaxDays, recentSince }: HotSelection, options: EpochLoad = {}): Promise<KpiReadModelState> {
    this.assertOpen();
    const { sql } = this;
    return withReadModelClient(this.pool, this.where, (client) =>
      // The epoch's row and its state from one snapshot, as `load` reads the checkpoint and the state stored with it.
      inReadSnapshot(client, async (): Promise<KpiReadModelState> => {
        const closed = await this.epochRow(client, epoch);
        // The open declarations' days count back from the newest event time when the epoch closed, as `load` did then.
        const openSince = closed.newest_event_at === null ? null : Number(closed.newest_event_at) - openMaxDays * DAY_MS;
        const newest = closed.newest_event_at === null ? null : Number(closed.newest_event_at);
        const bounds = [epoch, recentSince, openSince, newest];
        const horizons = horizonsLoaded(closed.bucket_horizons, options);
        const snapshot: KpiEngineSnapshot = {
          declarations: (await client.query<DeclarationRow>(sql.hotDeclarations, bounds)).rows.map(declarationOfRow),
          cases: (await client.query<CaseRow>(sql.hotCases, bounds)).rows.map(caseOfRow),
          buckets: (await client.query<{ bucket: BucketJson }>(...this.bucketsRead(epoch, horizons, { newestEventAt: newest, lastRecordedAt: Number(closed.last_recorded_at) }, options))).rows.map(
            (row) => row.bucket,
          ),
          quality: closed.quality,
          ...(horizons === null ? {} : { bucketHorizons: horizons }),
        };
        return { checkpoint: Number(closed.position), snapshot };
      }),
    );
  }

  coldAsOf(epoch: number): ColdState {
    return new PostgresColdStateAsOf(this.pool, this.where, this.sql, epoch, this.assertOpen);
  }

  /** @throws RangeError when `epoch` was never closed. */
  private async epochRow(client: pg.ClientBase, epoch: number): Promise<EpochRow> {
    const row = (await client.query<EpochRow>(this.sql.epoch, [epoch])).rows[0];
    if (row === undefined) throw new RangeError(`the KPI read model ${this.where} never closed epoch ${epoch}`);
    return row;
  }

  /**
   * The buckets the engine that closed the epoch held: those from its horizons on (every one when it held them all)
   * up to the epoch's last instant, one range of the key's index per measure and granularity.
   */
  private bucketsRead(epoch: number, horizons: BucketHorizonsJson | null, times: EpochTimes, options: EpochLoad): [string, unknown[]] {
    const ranges = bucketRangesAsOf(horizons, times, options);
    return [this.sql.bucketsInRanges, [epoch, ranges.map((range) => range.from), ranges.map((range) => range.to)]];
  }
}
