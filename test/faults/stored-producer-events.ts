import { PRODUCER_EVENT_TYPES } from '@customs-pulse/domain';
import type pg from 'pg';

/**
 * The producers' events in the PostgreSQL event store of `schema`, read with SQL: a count polled many times a second
 * while a fault heals must not read the whole log. Alert events, the projector's own, are left out.
 */
export class StoredProducerEvents {
  constructor(
    private readonly db: pg.Pool,
    private readonly schema: string,
  ) {}

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM "${this.schema}".event_log WHERE type = ANY($1)`, [PRODUCER_EVENT_TYPES]);
    return Number(rows[0]!.n);
  }

  /** `(source, id)` of each, as `keyOf` makes them: duplicates would show as repeated keys. */
  async keys(): Promise<string[]> {
    const { rows } = await this.db.query<{ source: string; id: string }>(`SELECT source, id FROM "${this.schema}".event_log WHERE type = ANY($1)`, [PRODUCER_EVENT_TYPES]);
    return rows.map(({ source, id }) => `${source} ${id}`);
  }

  /** The log's head, alert events included: 0 when empty. */
  async head(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | null }>(`SELECT max(position) AS head FROM "${this.schema}".event_log`);
    return Number(rows[0]!.head ?? 0);
  }
}
